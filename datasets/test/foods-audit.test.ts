/**
 * Safety audit of the curated catalogue's allergen and diet tags (issue 3). Diets and allergens
 * are hard constraints in the planners, so a missing allergen or a wrong "vegan" can hurt
 * someone. Every expectation below comes from knowledge of the food (standard recipe, common
 * commercial formulation, regulation) or from SR24's own nutrient data, stated in the comment;
 * none is copied from the build's output. Policy: datasets/foods/CARD.md, "Safety policy".
 */
import { describe, expect, it } from 'vitest';
import { FOODS, getFood } from '../../packages/core/src/foods/index';
import type { FoodGroupT } from '../../packages/core/src/schemas/food';
import type { AllergenT, DietTypeT } from '../../packages/core/src/schemas/vocab';
import { allergensOf, dietsOf } from '../scripts/build-foods.rules';

interface Correction {
  readonly id: string;
  /** Short name in the catalogue (guards against a wrong id). */
  readonly name: string;
  /** Allergens the food must carry. */
  readonly has?: readonly AllergenT[];
  /** Diets the food must not carry. */
  readonly notDiets?: readonly DietTypeT[];
}

// One row per food the audit corrected (before → after is in the report); the comment says why.
const CORRECTIONS: readonly Correction[] = [
  // Yoplait-style fruit yogurts are thickened with gelatin (pork/beef): not vegetarian or pescatarian.
  { id: '01120', name: 'Yogurt, fruit, low fat', notDiets: ['vegetarian', 'pescatarian'] },
  // Parmesan (Parmigiano-Reggiano recipe) is made with calf rennet.
  { id: '01033', name: 'Parmesan', notDiets: ['vegetarian'] },
  // Ice cream may contain egg yolk (custard-style bases; 21 CFR 135.110 allows egg ingredients).
  { id: '19095', name: 'Vanilla ice cream', has: ['eggs', 'milk'] },
  { id: '19270', name: 'Chocolate ice cream', has: ['eggs', 'milk'] },
  // Scrambled eggs and omelets are made with milk and butter.
  { id: '01132', name: 'Eggs, scrambled', has: ['eggs', 'milk'] },
  { id: '01130', name: 'Omelet', has: ['eggs', 'milk'] },
  // Commercial curry powders commonly contain ground mustard seed.
  { id: '02015', name: 'Curry powder', has: ['mustard'] },
  // Composite margarine: whey/buttermilk solids and soy lecithin are common; not vegan.
  { id: '04611', name: 'Margarine, tub', has: ['milk', 'soy'], notDiets: ['vegan'] },
  // Mayonnaise: egg yolk emulsified with mustard (classic recipe; EU labels declare mustard).
  { id: '04025', name: 'Mayonnaise', has: ['eggs', 'mustard'] },
  // Frankfurters and sausages: milk binders allowed (9 CFR 319.180), mustard is a standard spice.
  { id: '07022', name: 'Hot dog (beef)', has: ['milk', 'mustard'] },
  { id: '07089', name: 'Italian sausage', has: ['milk', 'mustard'] },
  { id: '07057', name: 'Pepperoni', has: ['milk', 'mustard'] },
  { id: '07019', name: 'Chorizo', has: ['milk', 'mustard'] },
  // Fried calamari is dredged in flour or breaded.
  { id: '15176', name: 'Calamari, fried', has: ['molluscs', 'wheat', 'gluten'] },
  // Boston-style baked beans are seasoned with mustard.
  { id: '16006', name: 'Baked beans, canned', has: ['mustard'] },
  // Barley (mugi) miso is common: gluten.
  { id: '16112', name: 'Miso', has: ['soy', 'gluten'] },
  // Granola: nuts and honey are standard ingredients (not vegan).
  { id: '08037', name: 'Granola', has: ['tree-nuts', 'gluten'], notDiets: ['vegan'] },
  // Commercial muesli (e.g. Alpen): wheat flakes and milk powder alongside oats and nuts.
  { id: '42184', name: 'Muesli', has: ['wheat', 'gluten', 'milk', 'tree-nuts'], notDiets: ['vegan'] },
  // US commercial breads and baked goods commonly contain soy flour or soy lecithin.
  { id: '18075', name: 'Whole wheat bread', has: ['wheat', 'soy'] },
  { id: '18069', name: 'White bread', has: ['wheat', 'soy'] },
  // Multigrain breads commonly include sesame seeds (and soy flour).
  { id: '18035', name: 'Multigrain bread', has: ['wheat', 'sesame', 'soy'] },
  // Burger buns: sesame tops/lines, soy flour; SR24 reports B12 (0.2 µg), i.e. milk solids.
  { id: '18350', name: 'Hamburger bun', has: ['wheat', 'sesame', 'soy', 'milk'], notDiets: ['vegan'] },
  { id: '18274', name: 'Blueberry muffin', has: ['wheat', 'eggs', 'milk', 'soy'] },
  // Frozen pancakes and waffles (e.g. Eggo) list soy lecithin or soybean flour.
  { id: '18288', name: 'Pancakes', has: ['wheat', 'eggs', 'milk', 'soy'] },
  { id: '18365', name: 'Waffles', has: ['wheat', 'eggs', 'milk', 'soy'] },
  // Chocolate chips are made with soy lecithin.
  { id: '18159', name: 'Chocolate chip cookies', has: ['wheat', 'eggs', 'milk', 'soy'] },
  { id: '18178', name: 'Oatmeal cookies', has: ['wheat', 'gluten', 'soy'] },
  // Commercial frosting and cake: soy lecithin / soybean shortening with lecithin.
  { id: '18096', name: 'Chocolate cake with frosting', has: ['wheat', 'eggs', 'milk', 'soy'] },
  { id: '18147', name: 'Cheesecake', has: ['wheat', 'eggs', 'milk', 'soy'] },
  { id: '18301', name: 'Apple pie', has: ['wheat', 'soy'] },
  // SR's mashed potatoes are made with margarine (its name says so): soy lecithin, like margarine.
  { id: '11371', name: 'Mashed potatoes', has: ['milk', 'soy'] },
  // "French fried, all types" includes batter-coated fries (wheat flour).
  { id: '11403', name: 'French fries, oven-baked', has: ['wheat', 'gluten'] },
  // Canned/jarred sauerkraut is often preserved with sodium bisulfite.
  { id: '11439', name: 'Sauerkraut', has: ['sulphites'] },
  // Chicken noodle soup is made with egg noodles; soups are made with celery (mirepoix).
  { id: '06419', name: 'Chicken noodle soup', has: ['eggs', 'wheat', 'celery'] },
  // Condensed tomato soup is thickened with wheat flour (e.g. Campbell's); soup → celery.
  { id: '06559', name: 'Tomato soup', has: ['wheat', 'gluten', 'celery'] },
  // Minestrone contains pasta; SR24 reports cholesterol (cheese), so not vegan.
  { id: '06039', name: 'Minestrone soup', has: ['wheat', 'celery', 'milk'], notDiets: ['vegan'] },
  // New England clam chowder: flour roux, celery, salt pork or bacon (not pescatarian).
  {
    id: '06230',
    name: 'New England clam chowder',
    has: ['molluscs', 'milk', 'wheat', 'celery'],
    notDiets: ['pescatarian'],
  },
  { id: '06471', name: 'Vegetable beef soup', has: ['wheat', 'celery'] },
  // Commercial chicken broth lists celery (e.g. Swanson).
  { id: '06194', name: 'Chicken broth', has: ['celery'] },
  // SR24 reports cholesterol; jarred pasta sauces commonly contain romano/parmesan cheese.
  { id: '06931', name: 'Marinara sauce', has: ['milk'], notDiets: ['vegan'] },
  // Most US barbecue sauces contain mustard.
  { id: '06150', name: 'Barbecue sauce', has: ['mustard'] },
  // Hoisin contains sesame paste/oil; SR24 reports 3 mg cholesterol, so not vegan.
  { id: '06175', name: 'Hoisin sauce', has: ['soy', 'wheat', 'sesame'], notDiets: ['vegan'] },
  // Oyster sauce is thickened with wheat flour.
  { id: '06176', name: 'Oyster sauce', has: ['molluscs', 'wheat', 'gluten'] },
  // Worcestershire: anchovy (fish) and, in the original recipe, malt (barley) vinegar.
  { id: '06971', name: 'Worcestershire sauce', has: ['fish', 'gluten'], notDiets: ['vegetarian'] },
  // "Beer, regular, all" includes wheat beers.
  { id: '14003', name: 'Beer', has: ['gluten', 'wheat'] },
  // Wine is commonly fined with isinglass, gelatin, casein or egg albumen.
  { id: '14096', name: 'Red wine', has: ['sulphites'], notDiets: ['vegetarian', 'vegan'] },
  { id: '14106', name: 'White wine', has: ['sulphites'], notDiets: ['vegetarian', 'vegan'] },
  // Dark chocolate: milk found in most bars tested by FDA; SR24 reports cholesterol and B12;
  // soy lecithin is the usual emulsifier.
  { id: '19904', name: 'Dark chocolate (70-85%)', has: ['milk', 'soy'], notDiets: ['vegan'] },
  { id: '19120', name: 'Milk chocolate', has: ['milk', 'soy'] },
  // Hard granola bars (e.g. Nature Valley): oats, honey, soy lecithin.
  { id: '19015', name: 'Granola bar (hard)', has: ['gluten', 'soy'], notDiets: ['vegan'] },
  // Beef jerky is marinated with soy sauce (soy, wheat).
  { id: '19002', name: 'Beef jerky', has: ['soy', 'wheat', 'gluten'] },
  // Lasagna: egg pasta and egg in the ricotta filling.
  { id: '22916', name: 'Lasagna with meat sauce', has: ['wheat', 'milk', 'eggs'] },
  { id: '22956', name: 'Vegetable lasagna', has: ['wheat', 'milk', 'eggs'] },
  // Canned beef stew: flour-thickened gravy, celery.
  { id: '22905', name: 'Beef stew', has: ['wheat', 'celery'] },
  // Pot-pie filling: mirepoix with celery.
  { id: '22906', name: 'Chicken pot pie', has: ['wheat', 'milk', 'celery'] },
  // Egg-roll filling is seasoned with soy sauce.
  { id: '22955', name: 'Vegetable egg rolls', has: ['wheat', 'eggs', 'soy'] },
  // American potato salad: mayonnaise (egg), mustard, celery.
  { id: '22971', name: 'Potato salad', has: ['eggs', 'mustard', 'celery'] },
  { id: '22972', name: 'Pulled pork in BBQ sauce', has: ['mustard'] },
  // Fast-food burgers: sesame/soy bun, mustard among the "condiments".
  { id: '21108', name: 'Hamburger', has: ['wheat', 'sesame', 'soy', 'mustard'] },
  { id: '21090', name: 'Cheeseburger', has: ['wheat', 'milk', 'sesame', 'soy', 'mustard'] },
  // Crispy chicken sandwich: milk-battered filet, bun (sesame, soy), mayonnaise (egg, mustard).
  {
    id: '21230',
    name: 'Crispy chicken sandwich',
    has: ['wheat', 'eggs', 'milk', 'sesame', 'soy', 'mustard'],
  },
  // Chain fries: "natural beef flavor" with hydrolysed wheat and milk (largest US chain).
  {
    id: '21138',
    name: 'Fast-food french fries',
    has: ['wheat', 'gluten', 'milk'],
    notDiets: ['pescatarian', 'vegetarian', 'vegan'],
  },
  // The sausage in it: milk binders and mustard.
  { id: '21005', name: 'Sausage and egg biscuit', has: ['wheat', 'eggs', 'milk', 'mustard'] },
  // General Tso's: egg batter, soy sauce, sesame oil/seeds.
  { id: '36618', name: "General Tso's chicken", has: ['wheat', 'soy', 'eggs', 'sesame'] },
  { id: '36621', name: 'Sweet and sour chicken', has: ['wheat', 'eggs', 'soy'] },
  // Chow mein: egg noodles and oyster sauce.
  { id: '36623', name: 'Chicken chow mein', has: ['wheat', 'soy', 'eggs', 'molluscs'] },
  { id: '36603', name: 'Beef and vegetables stir-fry', has: ['wheat', 'soy', 'molluscs'] },
  // SR24: 5 mg cholesterol, 60 µg retinol, butterfat-like profile → butter/cheese in the dough.
  { id: '36415', name: 'Arepa', has: ['milk'], notDiets: ['vegan'] },
  // Empanada dough and egg wash contain egg.
  { id: '36403', name: 'Beef empanada', has: ['wheat', 'eggs'] },
  // SR24 reports cholesterol; Latin black bean soup is commonly made with ham or meat stock.
  {
    id: '36413',
    name: 'Black bean soup',
    has: ['celery'],
    notDiets: ['pescatarian', 'vegetarian', 'vegan'],
  },
  // Frybread dough is commonly made with powdered milk.
  { id: '35185', name: 'Frybread', has: ['wheat', 'milk'] },
  // SR24: 17 mg cholesterol and 0.54 µg B12 per 100 g → meat (mutton or beef).
  { id: '35147', name: 'Tamales (Navajo)', notDiets: ['pescatarian', 'vegetarian', 'vegan'] },
];

describe('audit corrections', () => {
  it.each(CORRECTIONS.map((c) => [`${c.id} ${c.name}`, c] as const))('%s', (_label, c) => {
    const f = getFood(c.id);
    expect(f.name).toBe(c.name);
    expect({
      has: (c.has ?? []).filter((a) => !f.tags.allergens.includes(a)),
      diets: (c.notDiets ?? []).filter((d) => f.tags.diets.includes(d)),
    }).toEqual({ has: [], diets: [] });
  });

  it('keeps the policy calls that are not corrections', () => {
    // Oats: EU 1169/2011 Annex II item 1 names oats among the cereals containing gluten.
    expect(getFood('20038').tags.allergens).toContain('gluten');
    expect(getFood('08121').tags.allergens).toContain('gluten');
    // Spirits: cereals used for distillates are exempt (Annex II 1(d)); no gluten tag.
    expect(getFood('14037').tags.allergens).toEqual([]);
    // Sugar counts as vegan (bone char leaves no animal matter; beet sugar never meets it).
    expect(getFood('19335').tags.diets).toContain('vegan');
    // Honey is not vegan; gelatin is not vegetarian; Caesar dressing has anchovy, egg, parmesan.
    expect(getFood('19296').tags.diets).not.toContain('vegan');
    expect(getFood('19173').tags.diets).not.toContain('vegetarian');
    expect(getFood('43015').tags.allergens).toEqual(expect.arrayContaining(['fish', 'eggs', 'milk']));
    // Cheese made without a protected animal-rennet recipe stays vegetarian.
    expect(getFood('01009').tags.diets).toContain('vegetarian');
    // Fish sauce → fish; soy sauce → soy, wheat; edamame/tofu/natto → soy; celeriac → celery.
    expect(getFood('06179').tags.allergens).toContain('fish');
    expect(getFood('16123').tags.allergens).toEqual(expect.arrayContaining(['soy', 'wheat']));
    for (const id of ['11212', '16126', '16113']) expect(getFood(id).tags.allergens).toContain('soy');
    expect(getFood('11141').tags.allergens).toContain('celery');
  });
});

describe('rule look-alikes stay untagged', () => {
  const t = (name: string, group: FoodGroupT) => ({ name, group, kcal: 100, carbs: 0, fiber: 0 });
  it('does not over-match the new recipe rules', () => {
    // Saltines "include soup crackers": no soup, no celery.
    expect(
      allergensOf(t('Crackers, saltines (includes oyster, soda, soup) | Saltine crackers', 'baked-products')),
    ).toEqual(['gluten', 'wheat']);
    // Raw stew meat is just beef: no celery, no flour.
    expect(allergensOf(t('Beef, chuck for stew, separable lean and fat | Beef stew meat', 'beef'))).toEqual(
      [],
    );
    // Root beer has no malt or wheat.
    expect(allergensOf(t('Carbonated beverage, root beer | Root beer', 'beverages'))).toEqual([]);
    // Cured dried (chipped) beef is salt-cured, not soy-marinated.
    expect(allergensOf(t('Beef, cured, dried | Beef jerky-style dried beef', 'beef'))).toEqual([]);
    // Broth is not thickened with flour (celery only).
    expect(allergensOf(t('Soup, beef broth, canned | Beef broth', 'soups-sauces'))).toEqual(['celery']);
  });
  it('never calls a food with cholesterol vegan', () => {
    // Plants contain no cholesterol (to SR's precision); 1 mg/100 g means an animal ingredient.
    const beans = { ...t('Beans, black, cooked | Black beans', 'legumes'), carbs: 23.7, fiber: 8.7 };
    expect(dietsOf(beans)).toContain('vegan');
    expect(dietsOf({ ...beans, cholesterol: 1 })).not.toContain('vegan');
    expect(dietsOf({ ...beans, cholesterol: 1 })).toContain('vegetarian');
  });
});

const MEAT_GROUPS: readonly FoodGroupT[] = [
  'poultry',
  'sausages-luncheon-meats',
  'pork',
  'beef',
  'lamb-veal-game',
];
const SEAFOOD: readonly AllergenT[] = ['fish', 'crustaceans', 'molluscs'];

describe('catalogue invariants', () => {
  it('every baked product has wheat and gluten unless named gluten-free or made of corn masa', () => {
    // Corn tortillas and taco shells are nixtamalised-corn products with no wheat in the recipe.
    const cornMasa = new Set(['18363', '18360']);
    const baked = FOODS.filter((f) => f.foodGroup === 'baked-products');
    expect(baked.length).toBeGreaterThan(20);
    for (const f of baked) {
      if (/gluten-free/i.test(f.name) || cornMasa.has(f.id)) continue;
      expect(f.tags.allergens, `${f.id} ${f.name}`).toEqual(expect.arrayContaining(['wheat', 'gluten']));
    }
  });
  it('every fish-shellfish food has fish, crustaceans or molluscs', () => {
    for (const f of FOODS.filter((x) => x.foodGroup === 'fish-shellfish')) {
      expect(
        SEAFOOD.some((a) => f.tags.allergens.includes(a)),
        `${f.id} ${f.name}`,
      ).toBe(true);
    }
  });
  it('nothing vegan has milk, eggs, fish, shellfish or cholesterol', () => {
    for (const f of FOODS.filter((x) => x.tags.diets.includes('vegan'))) {
      for (const a of ['milk', 'eggs', ...SEAFOOD] as const) {
        expect(f.tags.allergens, `${f.id} ${f.name}`).not.toContain(a);
      }
      expect(f.per100g.micronutrients?.cholesterol_mg ?? 0, `${f.id} ${f.name}`).toBe(0);
    }
  });
  it('nothing vegetarian has seafood or comes from a meat group; nothing pescatarian from a meat group', () => {
    for (const f of FOODS) {
      if (f.tags.diets.includes('vegetarian')) {
        for (const a of SEAFOOD) expect(f.tags.allergens, `${f.id} ${f.name}`).not.toContain(a);
      }
      if (f.tags.diets.includes('pescatarian')) {
        expect(MEAT_GROUPS, `${f.id} ${f.name}`).not.toContain(f.foodGroup);
      }
    }
  });
  it('every dairy-egg food carries milk or eggs', () => {
    for (const f of FOODS.filter((x) => x.foodGroup === 'dairy-egg')) {
      expect(
        f.tags.allergens.includes('milk') || f.tags.allergens.includes('eggs'),
        `${f.id} ${f.name}`,
      ).toBe(true);
    }
  });
  it('keto foods have at most 10 g net carbohydrate per 100 g', () => {
    // The rule's widest allowance (nuts and seeds); a sanity bound, not the rule itself.
    for (const f of FOODS.filter((x) => x.tags.diets.includes('keto'))) {
      expect(f.per100g.carbs - f.per100g.fiber, `${f.id} ${f.name}`).toBeLessThanOrEqual(10);
    }
  });
});
