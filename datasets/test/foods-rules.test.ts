import { describe, expect, it } from 'vitest';
import type { FoodGroupT } from '../../packages/core/src/schemas/food';
import {
  allergensOf,
  assignFoodGroups,
  dietsOf,
  mealTypesOf,
  portionOf,
  servingsOf,
  type TagInput,
} from '../scripts/build-foods.rules';

// Foods whose answer is obvious, with their USDA SR24 description, group and macros per 100 g
// (values from the SR24 XML files in Debian cronometer's usda_sr24.jar).
const food = (name: string, group: FoodGroupT, kcal = 100, carbs = 50, fiber = 0): TagInput => ({
  name,
  group,
  kcal,
  carbs,
  fiber,
});
const PEANUT_BUTTER = food(
  'Peanut butter, smooth style, without salt | Peanut butter',
  'legumes',
  588,
  19.56,
  6,
);
const TOFU = food(
  'Tofu, firm, prepared with calcium sulfate and magnesium chloride (nigari) | Tofu',
  'legumes',
  70,
  1.69,
  0.9,
);
const SALMON = food('Fish, salmon, Atlantic, farmed, cooked, dry heat | Salmon', 'fish-shellfish', 206, 0, 0);
const WW_BREAD = food(
  'Bread, whole-wheat, commercially prepared | Whole wheat bread',
  'baked-products',
  247,
  41.29,
  6.8,
);
const MILK = food('Milk, whole, 3.25% milkfat, with added vitamin D | Whole milk', 'dairy-egg', 61, 4.8, 0);
const SHRIMP = food(
  'Crustaceans, shrimp, mixed species, cooked, moist heat | Shrimp',
  'fish-shellfish',
  99,
  0.2,
  0,
);
const EGG = food('Egg, whole, raw, fresh | Egg', 'dairy-egg', 143, 0.72, 0);
const CHICKEN = food(
  'Chicken, broilers or fryers, breast, meat only, cooked, roasted | Chicken breast',
  'poultry',
  165,
  0,
  0,
);
const HONEY = food('Honey | Honey', 'sweets', 304, 82.4, 0.2);
const ALMONDS = food('Nuts, almonds | Almonds', 'nuts-seeds', 579, 21.55, 12.5);
const OLIVE_OIL = food('Oil, olive, salad or cooking | Olive oil', 'fats-oils', 884, 0, 0);
const APPLE = food('Apples, raw, with skin | Apple', 'fruits', 52, 13.81, 2.4);

describe('allergen rules', () => {
  it.each([
    [PEANUT_BUTTER, ['peanuts']],
    [TOFU, ['soy']],
    [SALMON, ['fish']],
    // commercially prepared US bread: soy flour or soy lecithin is common (the card's recipe rules)
    [WW_BREAD, ['gluten', 'wheat', 'soy']],
    [MILK, ['milk']],
    [SHRIMP, ['crustaceans']],
    [EGG, ['eggs']],
    [CHICKEN, []],
    [ALMONDS, ['tree-nuts']],
    [food('Mollusks, mussel, blue, cooked, moist heat | Mussels', 'fish-shellfish'), ['molluscs']],
    [food('Hummus, commercial | Hummus', 'legumes'), ['sesame']],
    [food('Celery, raw | Celery', 'vegetables'), ['celery']],
    [food('Mustard, prepared, yellow | Mustard', 'spices-herbs'), ['mustard']],
    [food('Lupins, mature seeds, cooked, boiled, without salt | Lupini beans', 'legumes'), ['lupin']],
    [food('Alcoholic beverage, wine, table, red | Red wine', 'beverages'), ['sulphites']],
    // barley malt → gluten; "all" includes wheat beers → wheat (conservative, see the card's policy)
    [food('Alcoholic beverage, beer, regular, all | Beer', 'beverages'), ['gluten', 'wheat']],
    [food('Soy sauce made from soy and wheat (shoyu) | Soy sauce', 'legumes'), ['gluten', 'wheat', 'soy']],
    [food('Cereals, oats, regular and quick, cooked with water | Oatmeal', 'breakfast-cereals'), ['gluten']],
  ] as const)('%o', (f, want) => {
    expect(allergensOf(f)).toEqual(want);
  });
  it('does not tag look-alikes', () => {
    // refined soybean oil is exempt; coconut is not a tree nut; corn tortillas have no wheat;
    // "butternut", "peanut butter" and "coconut milk" contain no dairy; eggplant is no egg
    expect(allergensOf(food('Oil, soybean, salad or cooking | Soybean oil', 'fats-oils'))).toEqual([]);
    expect(
      allergensOf(
        food(
          'Nuts, coconut milk, raw (liquid expressed from grated meat and water) | Coconut milk',
          'nuts-seeds',
        ),
      ),
    ).toEqual([]);
    expect(
      allergensOf(food('Tortillas, ready-to-bake or -fry, corn | Corn tortilla', 'baked-products')),
    ).toEqual([]);
    expect(
      allergensOf(
        food('Squash, winter, butternut, cooked, baked, without salt | Butternut squash', 'vegetables'),
      ),
    ).toEqual([]);
    expect(
      allergensOf(food('Eggplant, cooked, boiled, drained, without salt | Eggplant', 'vegetables')),
    ).toEqual([]);
    expect(allergensOf(PEANUT_BUTTER)).not.toContain('milk');
  });
});

describe('diet rules', () => {
  it('tofu and peanut butter are vegan; milk, egg and honey vegetarian only; salmon pescatarian; chicken omnivore', () => {
    expect(dietsOf(TOFU)).toEqual(expect.arrayContaining(['omnivore', 'pescatarian', 'vegetarian', 'vegan']));
    expect(dietsOf(PEANUT_BUTTER)).toContain('vegan');
    for (const f of [MILK, EGG, HONEY]) {
      expect(dietsOf(f)).toContain('vegetarian');
      expect(dietsOf(f)).not.toContain('vegan');
    }
    expect(dietsOf(SALMON)).toContain('pescatarian');
    expect(dietsOf(SALMON)).not.toContain('vegetarian');
    expect(dietsOf(CHICKEN).filter((d) => d !== 'keto')).toEqual(['omnivore']);
    expect(dietsOf(food('Gelatin desserts, dry mix, prepared with water | Gelatin', 'sweets'))).not.toContain(
      'vegetarian',
    );
  });
  it('keto: by net carbohydrate, hand-checked', () => {
    expect(dietsOf(OLIVE_OIL)).toContain('keto'); // 0 g net
    expect(dietsOf(EGG)).toContain('keto'); // 0.72 g net ≤ 5
    // almonds: 21.55 − 12.5 = 9.05 g net (> 5, ≤ 10); 4 × 9.05 = 36.2 kcal = 6.3 % of 579 ≤ 10 %
    expect(dietsOf(ALMONDS)).toContain('keto');
    expect(dietsOf(APPLE)).not.toContain('keto'); // 11.41 g net
    expect(dietsOf(WW_BREAD)).not.toContain('keto'); // 34.49 g net
    expect(dietsOf(MILK)).not.toContain('keto'); // a drink: 4.8 g net > 2 g
  });
});

describe('meal, portion and serving rules', () => {
  it('assigns sensible meals', () => {
    expect(
      mealTypesOf(food('Cereals, oats, regular and quick, cooked with water | Oatmeal', 'breakfast-cereals')),
    ).toContain('breakfast');
    expect(mealTypesOf(CHICKEN)).toEqual(['lunch', 'dinner']);
    expect(mealTypesOf(food('Snacks, potato chips, plain, salted | Potato chips', 'snacks'))).toEqual([
      'snack',
    ]);
  });
  it('bounds portions by group and name', () => {
    expect(portionOf(OLIVE_OIL)).toEqual({ minG: 5, maxG: 50, stepG: 5 });
    expect(portionOf(CHICKEN)).toEqual({ minG: 50, maxG: 300, stepG: 25 });
    // "without salt" must not make beans a spice
    expect(
      portionOf(food('Beans, black, mature seeds, cooked, boiled, without salt | Black beans', 'legumes')),
    ).toEqual({
      minG: 50,
      maxG: 300,
      stepG: 25,
    });
  });
  it('bounds a salty side, a bowl of yogurt and a salty sauce at a serving a person eats', () => {
    // Serving sizes from household use: a seaweed salad is 50–100 g, a bowl of yogurt 150–250 g
    // (two bowls at most), teriyaki or oyster sauce a tablespoon or two (15–30 g). At the old
    // group defaults a model put 310 g of wakame (2.7 g sodium at 872 mg/100 g) in a breakfast.
    expect(portionOf(food('Seaweed, wakame, raw | Wakame seaweed', 'vegetables')).maxG).toBe(100);
    expect(portionOf(food('Yogurt, plain, whole milk | Yogurt, plain, whole milk', 'dairy-egg')).maxG).toBe(
      400,
    );
    expect(portionOf(food('Milk, whole, 3.25% milkfat | Whole milk', 'dairy-egg')).maxG).toBe(750);
    // Smoked salmon by the slice: a bagel holds 30–60 g, a plate about 100 g (not a 300 g fillet).
    expect(
      portionOf(food('Fish, salmon, chinook, smoked | Smoked salmon (lox)', 'fish-shellfish')).maxG,
    ).toBe(150);
    expect(portionOf(food('Sauce, teriyaki, ready-to-serve | Teriyaki sauce', 'soups-sauces')).maxG).toBe(50);
    expect(
      portionOf(food('Sauce, pasta, spaghetti/marinara, ready-to-serve | Marinara', 'soups-sauces')).maxG,
    ).toBe(120);
  });
  it('picks the first USDA measure inside the bounds as the household measure', () => {
    const butter = [
      { amount: 1, label: 'cup', grams: 227 },
      { amount: 1, label: 'tbsp', grams: 14.2 },
      { amount: 1, label: 'pat (1" sq, 1/3" high)', grams: 5 },
    ];
    expect(servingsOf(butter, { minG: 5, maxG: 50, stepG: 5 })[0]).toEqual({ label: '1 tbsp', grams: 14.2 });
    expect(servingsOf([], { minG: 5, maxG: 50, stepG: 5 })).toEqual([{ label: '100 g', grams: 100 }]);
  });
});

describe('food group rules', () => {
  it('uses the id prefix, snacks by name, and the name head for ids without a group prefix', () => {
    const g = assignFoodGroups([
      { id: '13001', name: 'Beef, ground, raw' },
      { id: '23658', name: 'Beef, brisket, flat half, raw' },
      { id: '19411', name: 'Snacks, potato chips, plain, salted' },
      { id: '19296', name: 'Honey' },
      { id: '80200', name: 'Frog legs, raw' },
    ]);
    expect(g.get('13001')).toEqual({ group: 'beef', byId: true });
    expect(g.get('23658')).toEqual({ group: 'beef', byId: false });
    expect(g.get('19411')).toEqual({ group: 'snacks', byId: true });
    expect(g.get('19296')).toEqual({ group: 'sweets', byId: true });
    expect(g.get('80200')).toEqual({ group: 'lamb-veal-game', byId: false });
  });
});
