/**
 * Tag rules for the curated catalogue: everything here is derived from the USDA SR24 food group
 * and the food's name (USDA description + our short name), never typed in per food. The card
 * (datasets/foods/CARD.md) prints these rules; tests in datasets/test/foods-rules.test.ts check
 * them on foods whose answer is obvious.
 */
import type { FoodGroupT, PortionBoundsT } from '../../packages/core/src/schemas/food';
import { FOOD_GROUPS } from '../../packages/core/src/schemas/food';
import type { AllergenT, DietTypeT, MealTypeT } from '../../packages/core/src/schemas/vocab';
import { ALLERGENS } from '../../packages/core/src/schemas/vocab';

/** SR24 food-group codes (first two digits of real group ids) → slug, in FOOD_GROUPS order. */
export const SR_GROUP_CODES: Readonly<Record<string, FoodGroupT>> = Object.fromEntries(
  [
    '01',
    '02',
    '03',
    '04',
    '05',
    '06',
    '07',
    '08',
    '09',
    '10',
    '11',
    '12',
    '13',
    '14',
    '15',
    '16',
    '17',
    '18',
    '19',
    '20',
    '21',
    '22',
    '25',
    '35',
    '36',
  ].map((c, i) => [c, FOOD_GROUPS[i]!]),
);

/** Text before the first comma, lower-cased: "Cheese, cheddar" → "cheese". */
export function nameHead(name: string): string {
  return name.split(',')[0]!.trim().toLowerCase();
}

/**
 * Food group of every food. Rule 1: an id whose first two digits are an SR24 group code
 * (01–22, 25, 35, 36) belongs to that group. Rule 2: SR also numbers foods 23xxx, 27xxx, 31xxx,
 * 42xxx–48xxx, 80xxx–93xxx whose group the id does not tell; such a food takes the group most
 * common among rule-1 foods with the same name head (ties → lowest code). Rule 3: if no rule-1
 * food shares the head, the fallback table below decides (by name), else 'meals-entrees-sides'.
 * (Rule 0, before rule 1: see {@link groupById}.)
 */
export function assignFoodGroups(
  foods: readonly { id: string; name: string }[],
): Map<string, { group: FoodGroupT; byId: boolean }> {
  const votes = new Map<string, Map<FoodGroupT, number>>();
  for (const f of foods) {
    const g = groupById(f);
    if (!g) continue;
    const h = nameHead(f.name);
    const m = votes.get(h) ?? new Map<FoodGroupT, number>();
    m.set(g, (m.get(g) ?? 0) + 1);
    votes.set(h, m);
  }
  const out = new Map<string, { group: FoodGroupT; byId: boolean }>();
  for (const f of foods) {
    const g = groupById(f);
    if (g) {
      out.set(f.id, { group: g, byId: true });
      continue;
    }
    const m = votes.get(nameHead(f.name));
    let best: FoodGroupT | undefined;
    if (m) {
      best = [...m.entries()].sort(
        (a, b) => b[1] - a[1] || FOOD_GROUPS.indexOf(a[0]) - FOOD_GROUPS.indexOf(b[0]),
      )[0]![0];
    }
    out.set(f.id, { group: best ?? fallbackGroup(f.name), byId: false });
  }
  return out;
}

/**
 * Rules 0 and 1 of {@link assignFoodGroups}. Rule 0: SR numbers many snacks 19xxx (the sweets
 * prefix) but files every "Snacks, …" food in group 25, so a name starting "Snacks," is a snack.
 */
function groupById(f: { id: string; name: string }): FoodGroupT | undefined {
  const g = SR_GROUP_CODES[f.id.slice(0, 2)];
  if (g && nameHead(f.name) === 'snacks') return 'snacks';
  return g;
}

/** Rule 3 of {@link assignFoodGroups}: name patterns for heads no SR-group food shares. */
export const GROUP_FALLBACK: readonly [RegExp, FoodGroupT][] = [
  [/\bv8\b|juice|beverage|drink/i, 'beverages'],
  [/soup|sauce|gravy|broth|chilies/i, 'soups-sauces'],
  [/babyfood|infant/i, 'baby-foods'],
  [/oil|margarine|dressing|mayo|spread/i, 'fats-oils'],
  [/cheese|milk|yogurt|cream/i, 'dairy-egg'],
  [/candies|sweet|syrup|jell|pudding|dessert|frozen/i, 'sweets'],
  [/snack|chips|pretzel|popcorn/i, 'snacks'],
  [/frog|turtle|quail|pheasant/i, 'lamb-veal-game'],
  [/fish|mollus|crustac|jellyfish/i, 'fish-shellfish'],
  [/gluten|wheat|millet|vermicelli|rice/i, 'cereal-grains-pasta'],
  [/vegetarian|tofu|soy|bean/i, 'legumes'],
];
function fallbackGroup(name: string): FoodGroupT {
  for (const [re, g] of GROUP_FALLBACK) if (re.test(name)) return g;
  return 'meals-entrees-sides';
}

const MEAT_GROUPS: readonly FoodGroupT[] = [
  'poultry',
  'sausages-luncheon-meats',
  'pork',
  'beef',
  'lamb-veal-game',
];

/** Words naming meat, poultry or other slaughter products (incl. lard and gelatin). */
export const MEAT_WORDS =
  /\b(beef|pork|ham|bacon|chicken|turkey|lamb|mutton|veal|venison|bison|duck|sausages?|pepperoni|salami|bologna|frankfurters?|franks?|hot ?dogs?|chorizo|meat|meats|meatballs?|lard|gelatin|jerky|hamburgers?|cheeseburgers?|caribou|moose|elk|seal|whale|tripe|liver|carne)\b/i;
/** Meat words that do not mean meat: coconut "meat", buns named after what goes in them. */
export const NOT_MEAT = /\b(coconut meat|grated meat|meatless|rolls, hamburger or hotdog|hamburger bun)\b/gi;
export const CRUSTACEAN_WORDS =
  /\b(shrimps?|prawns?|crabs?|lobsters?|crayfish|crawfish|krill|crustaceans?)\b/i;
export const MOLLUSC_WORDS =
  /\b(clams?|mussels?|oysters?|scallops?|squid|calamari|octopus|snails?|abalone|conch|whelks?|cuttlefish|mollusks?|molluscs?)\b/i;
/** Saltines "include oyster crackers": no oysters in them. */
export const NOT_MOLLUSC = /\b(includes oyster|oyster crackers)\b/gi;
export const FISH_WORDS =
  /\b(fish|salmon|tuna|cod|tilapia|halibut|mackerel|sardines?|trout|catfish|haddock|pollock|anchov(y|ies)|herring|bass|swordfish|lox|worcestershire|caesar)\b/i;
export const EGG_WORDS =
  /\b(eggs?|omelet|mayonnaise|custard|meringue|quiche|cakes?|cheesecake|muffins?|pancakes?|waffles?|cookies|doughnuts?|croissants?|french toast|egg rolls?|fried rice|tortellini|caesar|ranch)\b/i;
export const NOT_EGG = /\b(rice cakes?|english muffins?)\b/gi;
export const MILK_WORDS =
  /\b(milk|cheese|cheddar|mozzarella|parmesan|feta|brie|gouda|ricotta|queso|butter|buttermilk|cream|yogurts?|whey|casein|ghee|kefir|ice creams?|pudding|leche|cheesecake|pizza|lasagna|pancakes?|waffles?|muffins?|doughnuts?|croissants?|cookies|cakes?|biscuits?|chowder|cheeseburgers?|pot pie|ranch|caesar)\b/i;
/** Milk words that name a plant product or a non-dairy thing. */
export const NOT_MILK =
  /\b(coconut milk|soy ?milk|soy yogurts?|almond milk|rice milk|oat milk|peanut butter|almond butter|nut butter|apple butter|cocoa butter|sesame butter|butternut|cream of tartar|cream of wheat|rice cakes?|english muffins?)\b/gi;
export const WHEAT_WORDS =
  /\b(wheat|flour|bread|breads|bagels?|muffins?|rolls?|buns?|croissants?|pita|tortillas?|crackers?|cookies|cakes?|cheesecake|pies?|doughnuts?|danish|biscuits?|pancakes?|waffles?|pretzels?|pizza|pasta|spaghetti|macaroni|noodles?|lasagna|ravioli|tortellini|couscous|bulgur|semolina|farina|seitan|gluten|breaded|nuggets|egg rolls?|empanadas?|burritos?|sandwich|hamburgers?|cheeseburgers?|frybread|bran|shredded wheat|fish sticks|portions and sticks|soy sauce|teriyaki|hoisin|general tso|kung pao|chow mein|sweet and sour chicken|beef and vegetables|shrimp and vegetables|fried rice|chicken rice bowl|pot pie|gravy)\b/i;
/** Wheat words that name corn/rice products or wheat-free things. */
export const NOT_WHEAT =
  /\b(corn tortillas?|tortillas?, ready-to-bake or -fry, corn|taco shells|tortilla chips|rice noodles?|rice cakes?|rice flour|buckwheat|cornmeal bread|sauce, pasta, spaghetti)\b/gi;
export const OTHER_GLUTEN_WORDS =
  /\b(oats?|oatmeal|barley|rye|spelt|kamut|triticale|malt|beer|cheerios|granola|muesli|corn flakes|pumpernickel)\b/i;
export const PEANUT_WORDS = /\b(peanuts?|kung pao)\b/i;
export const TREE_NUT_WORDS =
  /\b(almonds?|walnuts?|cashews?|pecans?|hazelnuts?|filberts?|pistachios?|macadamia|brazil ?nuts|brazilnuts|pine nuts|chestnuts?|nuts)\b/i;
export const NOT_TREE_NUT = /\b(coconut|peanuts?|nuts, coconut|doughnuts?)\b/gi;
export const SOY_WORDS =
  /\b(soy|soya|soybeans?|soymilk|tofu|tempeh|edamame|miso|natto|teriyaki|hoisin|general tso|kung pao|chow mein|beef and vegetables|shrimp and vegetables|fried rice|chicken rice bowl)\b/i;
/** Highly refined soybean oil is exempt from soy labelling (EU 1169/2011 Annex II 6(b); FALCPA). */
export const NOT_SOY = /\b(oil, soybean|soybean oil|mayonnaise, soybean oil)\b/gi;
export const CELERY_WORDS = /\b(celery|celeriac|minestrone)\b/i;
export const MUSTARD_WORDS = /\bmustard\b/i;
export const SESAME_WORDS = /\b(sesame|tahini|hummus)\b/i;
export const SULPHITE_WORDS = /\b(wine|sulfured|sulphured)\b/i;
export const NOT_SULPHITE = /\b(unsulfured|unsulphured)\b/gi;
export const LUPIN_WORDS = /\b(lupins?|lupini)\b/i;
export const HONEY_WORDS = /\bhoney\b(?!dew)/i;

function has(re: RegExp, text: string, not?: RegExp): boolean {
  return re.test(not ? text.replace(not, ' ') : text);
}

/**
 * What a rule may say a food contains: an allergen tag, or an animal product that only the diets
 * care about. `meat` and `gelatin` exclude pescatarian, vegetarian and vegan; `animal-rennet`
 * (cheese curdled with calf or lamb rennet) and `animal-fining` (wine clarified with isinglass,
 * gelatin, casein or egg albumen) exclude vegetarian and vegan; `honey` excludes vegan.
 */
export type DietContent = 'meat' | 'gelatin' | 'honey' | 'animal-rennet' | 'animal-fining';
export type Content = AllergenT | DietContent;

/**
 * A recipe rule: foods whose text matches `re` (and not `except`, and in `groups` when given)
 * contain `adds`, because the standard recipe of the dish, or the common commercial products
 * sold under that USDA name, contain them. This is where composite and processed foods get the
 * ingredients their names do not mention. Conservative: when a USDA name covers products with
 * and without an allergen ("may contain"), the allergen is tagged.
 */
export interface RecipeRule {
  /** Matched (case-insensitive) against "USDA description | short name". */
  readonly re: RegExp;
  /** The rule does not apply when this matches. */
  readonly except?: RegExp;
  /** The rule applies only to foods in these groups. */
  readonly groups?: readonly FoodGroupT[];
  readonly adds: readonly Content[];
  readonly why: string;
}

export const RECIPE_RULES: readonly RecipeRule[] = [
  // Sauces, condiments, spreads.
  {
    re: /\bmayonnaise\b/i,
    adds: ['mustard'],
    why: 'classic mayonnaise emulsifies egg yolk with mustard; EU commercial mayonnaise usually declares mustard',
  },
  {
    re: /\b(barbecue|bbq)\b/i,
    adds: ['mustard'],
    why: 'most US barbecue sauces contain mustard (prepared or mustard flour)',
  },
  {
    re: /\b(beans, baked|baked beans)\b/i,
    adds: ['mustard'],
    why: 'Boston-style baked beans are seasoned with mustard (e.g. B&M)',
  },
  {
    re: /\bcurry powder\b/i,
    adds: ['mustard'],
    why: 'commercial curry powders commonly contain mustard seed',
  },
  {
    re: /\bhoisin\b/i,
    adds: ['sesame'],
    why: 'hoisin sauce commonly contains sesame paste or oil (e.g. Lee Kum Kee)',
  },
  {
    re: /\b(oyster sauce|sauce, oyster)\b/i,
    adds: ['wheat'],
    why: 'oyster sauce is usually thickened with wheat flour (e.g. Lee Kum Kee)',
  },
  {
    re: /\bworcestershire\b/i,
    adds: ['gluten'],
    why: 'the original recipe uses malt (barley) vinegar (Lea & Perrins outside the US)',
  },
  {
    re: /\bmiso\b/i,
    adds: ['gluten'],
    why: 'barley (mugi) miso is common and many misos use barley or wheat koji',
  },
  {
    re: /\bmargarine\b/i,
    adds: ['milk', 'soy'],
    why: 'many margarines contain whey, buttermilk or milk solids and soy lecithin ("composite" covers several)',
  },
  {
    re: /\bsauerkraut\b/i,
    adds: ['sulphites'],
    why: 'canned and jarred sauerkraut is often preserved with sodium bisulfite',
  },
  // Dairy, eggs, sweets.
  {
    re: /\b(scrambled|omelet)\b/i,
    adds: ['milk'],
    why: 'scrambled eggs and omelets are usually made with milk and butter',
  },
  {
    re: /\bice creams?\b/i,
    adds: ['eggs'],
    why: 'ice cream may contain egg yolk (21 CFR 135.110 allows egg ingredients; custard-style ice creams use yolks)',
  },
  {
    re: /\byogurts?, fruit\b/i,
    adds: ['gelatin'],
    why: 'US fruit yogurts are commonly thickened with gelatin (e.g. Yoplait Original)',
  },
  {
    re: /\b(parmesan|parmigiano|grana padano|pecorino|romano)\b/i,
    adds: ['animal-rennet'],
    why: 'Parmigiano-Reggiano, Grana Padano and Pecorino Romano must be made with animal rennet; the generic cheeses named after them usually are',
  },
  {
    re: /\b(chocolate, dark|dark chocolate)\b/i,
    adds: ['milk'],
    why: 'FDA testing found milk in most dark chocolates sampled, many without milk on the label (cross-contact, milk fat)',
  },
  {
    re: /\b(milk chocolate|chocolate, dark|dark chocolate|chocolate chips?|chocolate frosting)\b/i,
    adds: ['soy'],
    why: 'soy lecithin is the usual emulsifier in bar chocolate, chocolate chips and frosting',
  },
  // Cereals and baked goods.
  {
    re: /\bgranola\b/i,
    adds: ['honey'],
    why: 'granola and granola bars are commonly sweetened with honey',
  },
  {
    re: /\bgranola\b/i,
    except: /\bgranola bars?\b/i,
    adds: ['tree-nuts'],
    why: 'granola usually contains almonds, pecans or other tree nuts',
  },
  {
    re: /\bgranola bars?\b/i,
    adds: ['soy'],
    why: 'hard granola bars commonly contain soy lecithin (e.g. Nature Valley)',
  },
  {
    re: /\bmuesli\b/i,
    adds: ['wheat', 'milk'],
    why: 'commercial muesli commonly contains wheat flakes and milk powder (e.g. Alpen)',
  },
  {
    re: /\b(commercially prepared|ready-to-heat|in-store bakery)\b/i,
    groups: ['baked-products'],
    adds: ['soy'],
    why: 'US commercial breads, cakes, cookies, pies and frozen waffles commonly contain soy flour or soy lecithin',
  },
  {
    re: /\bmulti-?grain\b/i,
    groups: ['baked-products'],
    adds: ['sesame', 'soy'],
    why: 'multigrain breads commonly include sesame seeds and soy flour',
  },
  {
    re: /\b(rolls, hamburger or hotdog|hamburgers?|cheeseburgers?|chicken filet sandwich)\b/i,
    adds: ['sesame', 'soy'],
    why: 'burger buns are often sesame-topped or made on sesame lines, and US buns commonly contain soy flour or lecithin',
  },
  {
    re: /\bfrybread\b/i,
    adds: ['milk'],
    why: 'frybread dough is commonly made with powdered milk',
  },
  {
    re: /\bempanadas?\b/i,
    adds: ['eggs'],
    why: 'empanada dough and its egg wash commonly contain egg',
  },
  // Meat, fish and dishes.
  {
    re: /\b(sausages?|frankfurters?|franks?|hot ?dogs?|wieners?|pepperoni|salami|bologna|chorizo|kielbasa|bratwurst)\b/i,
    except: /\brolls, hamburger or hotdog\b/i,
    adds: ['milk', 'mustard'],
    why: 'may contain: frankfurters and sausages may use milk binders (nonfat dry milk, caseinate; 9 CFR 319.180) and mustard is a standard sausage spice',
  },
  {
    re: /\bjerky\b/i,
    except: /\bcured, dried\b/i,
    adds: ['soy', 'wheat'],
    why: 'commercial jerky is usually marinated with soy sauce (soy, wheat); cured dried (chipped) beef is not',
  },
  {
    re: /\bfried\b/i,
    groups: ['fish-shellfish'],
    adds: ['wheat'],
    why: 'fried fish and shellfish (fried calamari) are floured or breaded',
  },
  {
    re: /\bcrispy chicken\b/i,
    adds: ['milk'],
    why: 'crispy chicken filets are commonly milk- or buttermilk-battered',
  },
  {
    re: /\bwith condiments\b/i,
    adds: ['mustard'],
    why: 'fast-food burger condiments are ketchup, mustard, pickle and onion',
  },
  {
    re: /\bfrench fried\b/i,
    groups: ['fast-foods'],
    adds: ['meat', 'milk', 'wheat'],
    why: "the largest US chain's fries contain natural beef flavour with hydrolysed wheat and milk; chain fries often share fryers with meat and fish",
  },
  {
    re: /\bfrench fried, all types\b/i,
    adds: ['wheat'],
    why: '"all types" includes batter-coated fries (wheat flour)',
  },
  {
    re: /\blasagna\b/i,
    adds: ['eggs'],
    why: 'lasagna often uses egg pasta and egg in the ricotta filling',
  },
  {
    re: /\bchicken noodle\b/i,
    adds: ['eggs'],
    why: 'chicken noodle soup is made with egg noodles',
  },
  {
    re: /\b(chow mein|lo mein)\b/i,
    adds: ['eggs'],
    why: 'chow mein and lo mein use egg noodles',
  },
  {
    re: /\b(chow mein|beef and vegetables|beef and broccoli)\b/i,
    groups: ['restaurant-foods'],
    adds: ['molluscs'],
    why: 'Chinese-American brown sauces are commonly made with oyster sauce',
  },
  {
    re: /\b(general tso|sweet and sour chicken|orange chicken|sesame chicken)\b/i,
    adds: ['eggs', 'soy'],
    why: 'the chicken is battered with egg and the sauce contains soy sauce',
  },
  {
    re: /\bgeneral tso\b/i,
    adds: ['sesame'],
    why: "General Tso's chicken is commonly made with sesame oil or seeds",
  },
  {
    re: /\begg rolls?\b/i,
    adds: ['soy'],
    why: 'egg-roll fillings are seasoned with soy sauce',
  },
  {
    re: /\bpotato salad\b/i,
    adds: ['mustard', 'celery'],
    why: 'American potato salad is dressed with mayonnaise and mustard and contains celery',
  },
  {
    re: /\b(soups?|broth|stock|bouillon|chowder|stews?|pot pie)\b/i,
    except: /\b(for stew|stew meat|crackers?)\b/i,
    adds: ['celery'],
    why: 'celery (mirepoix) is a standard vegetable of soups, stocks, stews and pot-pie fillings; EU labels declare it routinely',
  },
  {
    re: /\b(soup|chowder|stews?)\b.*\bcanned\b/i,
    except: /\b(broth|bouillon|consomm[eé])\b/i,
    adds: ['wheat'],
    why: 'canned soups and stews are commonly thickened with wheat flour or contain pasta',
  },
  {
    re: /\b(clam|fish|corn) chowder\b/i,
    adds: ['meat'],
    why: 'chowder is made with salt pork or bacon (standard New England recipe)',
  },
  // Drinks.
  {
    re: /\bbeer\b/i,
    except: /\b(root|ginger) beer\b/i,
    adds: ['wheat'],
    why: '"beer, regular, all" includes wheat beers; barley beer is gluten anyway',
  },
  {
    re: /\bwine\b/i,
    except: /\bvinegar\b/i,
    adds: ['animal-fining'],
    why: 'wine is commonly fined with isinglass (fish), gelatin, casein or egg albumen, undeclared outside the EU',
  },
];

/**
 * Per-food corrections that no name rule can express, each with its evidence. The build checks
 * that every id is a curated food whose USDA description is `food`.
 */
export interface IdOverride {
  readonly id: string;
  /** USDA description, checked by the build. */
  readonly food: string;
  readonly adds: readonly Content[];
  readonly why: string;
}

export const ID_OVERRIDES: readonly IdOverride[] = [
  {
    id: '35147',
    food: 'Tamales (Navajo)',
    adds: ['meat'],
    why: 'SR24 reports 17 mg cholesterol and 0.54 µg vitamin B12 per 100 g, i.e. animal tissue; Navajo tamales are commonly made with mutton or beef',
  },
  {
    id: '36413',
    food: 'Restaurant, Latino, black bean soup',
    adds: ['meat'],
    why: 'SR24 reports cholesterol (1 mg/100 g) and the name names no dairy or egg; Latin restaurant black bean soup is commonly made with ham, bacon or meat stock',
  },
  {
    id: '36415',
    food: 'Restaurant, Latino, arepa (unleavened cornmeal bread)',
    adds: ['milk'],
    why: 'SR24 reports 5 mg cholesterol, 60 µg retinol and 54 % saturated fat: butter or cheese in the dough, as in many restaurant arepas',
  },
  {
    id: '06931',
    food: 'Sauce, pasta, spaghetti/marinara, ready-to-serve',
    adds: ['milk'],
    why: 'SR24 reports cholesterol (2 mg/100 g); jarred pasta sauces commonly contain romano or parmesan cheese',
  },
  {
    id: '06039',
    food: 'Soup, minestrone, canned, chunky, ready-to-serve',
    adds: ['milk'],
    why: 'SR24 reports cholesterol (2 mg/100 g); canned minestrone commonly contains parmesan or romano cheese',
  },
  {
    id: '18350',
    food: 'Rolls, hamburger or hotdog, plain',
    adds: ['milk'],
    why: 'SR24 reports 0.2 µg vitamin B12 per 100 g, which a flour-water dough lacks: nonfat milk or whey, common in US buns',
  },
];

export interface TagInput {
  /** USDA description and short name joined, e.g. "Peanut butter, smooth style | Peanut butter". */
  readonly name: string;
  readonly group: FoodGroupT;
  readonly kcal: number;
  readonly carbs: number;
  readonly fiber: number;
  /** SR24 id; selects {@link ID_OVERRIDES}. */
  readonly id?: string;
  /** Cholesterol, mg/100 g; absent = not reported. Any cholesterol means an animal ingredient. */
  readonly cholesterol?: number;
}

type FoodText = Pick<TagInput, 'name' | 'group' | 'id'>;

/** Everything the recipe rules and the id overrides add to a food. */
export function recipeContents(t: FoodText): Set<Content> {
  const out = new Set<Content>();
  for (const r of RECIPE_RULES) {
    if (r.groups && !r.groups.includes(t.group)) continue;
    if (r.except?.test(t.name)) continue;
    if (r.re.test(t.name)) for (const c of r.adds) out.add(c);
  }
  if (t.id !== undefined) {
    for (const o of ID_OVERRIDES) if (o.id === t.id) for (const c of o.adds) out.add(c);
  }
  return out;
}

/** What the name, group, recipe rules and overrides say the food contains. */
export function animalContent(t: FoodText) {
  const n = t.name;
  const x = recipeContents(t);
  const crustaceans = has(CRUSTACEAN_WORDS, n) || x.has('crustaceans');
  const molluscs = has(MOLLUSC_WORDS, n, NOT_MOLLUSC) || x.has('molluscs');
  const fish =
    (t.group === 'fish-shellfish' && !has(CRUSTACEAN_WORDS, n) && !has(MOLLUSC_WORDS, n, NOT_MOLLUSC)) ||
    has(FISH_WORDS, n) ||
    x.has('fish');
  const eggs = has(EGG_WORDS, n, NOT_EGG) || x.has('eggs');
  const dairyEgg = t.group === 'dairy-egg';
  const milk = (dairyEgg && !/\begg\b/i.test(n)) || has(MILK_WORDS, n, NOT_MILK) || x.has('milk');
  const meat =
    MEAT_GROUPS.includes(t.group) || has(MEAT_WORDS, n, NOT_MEAT) || x.has('meat') || x.has('gelatin');
  const honey = has(HONEY_WORDS, n) || x.has('honey');
  /** Slaughter by-products used in making the food: animal rennet, fining agents. */
  const byProduct = x.has('animal-rennet') || x.has('animal-fining');
  return { meat, fish, crustaceans, molluscs, eggs, milk, honey, byProduct };
}

/** Root beer and ginger beer are not beer. */
export const NOT_GLUTEN = /\b(root|ginger) beer\b/gi;

/** The 15 allergen tags (US major nine ∪ EU fourteen), in vocabulary order; `wheat` implies `gluten`. */
export function allergensOf(t: FoodText): AllergenT[] {
  const a = animalContent(t);
  const x = recipeContents(t);
  const n = t.name;
  const wheat = has(WHEAT_WORDS, n, NOT_WHEAT) || x.has('wheat');
  const tags: Record<AllergenT, boolean> = {
    gluten: wheat || has(OTHER_GLUTEN_WORDS, n, NOT_GLUTEN) || x.has('gluten'),
    wheat,
    crustaceans: a.crustaceans,
    molluscs: a.molluscs,
    eggs: a.eggs,
    fish: a.fish,
    peanuts: has(PEANUT_WORDS, n) || x.has('peanuts'),
    'tree-nuts': has(TREE_NUT_WORDS, n, NOT_TREE_NUT) || x.has('tree-nuts'),
    soy: has(SOY_WORDS, n, NOT_SOY) || x.has('soy'),
    milk: a.milk,
    celery: has(CELERY_WORDS, n) || x.has('celery'),
    mustard: has(MUSTARD_WORDS, n) || x.has('mustard'),
    sesame: has(SESAME_WORDS, n) || x.has('sesame'),
    sulphites: has(SULPHITE_WORDS, n, NOT_SULPHITE) || x.has('sulphites'),
    lupin: has(LUPIN_WORDS, n) || x.has('lupin'),
  };
  return ALLERGENS.filter((k) => tags[k]);
}

/** Drinks and soups, judged per 250 g serving by the keto rule. */
export function isLiquid(t: Pick<TagInput, 'name' | 'group'>): boolean {
  const head = nameHead(t.name);
  return (
    t.group === 'beverages' ||
    /^(milk|soymilk|buttermilk|kefir)\b/.test(head) ||
    /juice/.test(head) ||
    /\b(soup|broth|stock|chowder|coconut water)\b/i.test(t.name)
  );
}

/** Net carbohydrate limits of the keto-friendly rule, g per 100 g. */
export const KETO = {
  solidMaxNet: 5,
  solidNutsMaxNet: 10,
  nutsMaxNetEnergyShare: 0.1,
  liquidMaxNet: 2,
} as const;

/**
 * Diet compatibility. omnivore: always. pescatarian: no meat (incl. gelatin, lard). vegetarian:
 * also no fish or shellfish and no slaughter by-product used in making it (animal rennet,
 * fining agents). vegan: also no milk, eggs or honey, and no cholesterol reported by SR24 (plants
 * have none, so any means an animal ingredient). keto: net carbs (carbs − fiber) ≤ 5 g/100 g,
 * or ≤ 10 g/100 g when net carbs give ≤ 10 % of the energy (nuts, seeds); drinks and soups
 * ≤ 2 g/100 g (≈ 5 g per 250 g serving).
 */
export function dietsOf(t: TagInput): DietTypeT[] {
  const a = animalContent(t);
  const seafood = a.fish || a.crustaceans || a.molluscs;
  const vegetarian = !a.meat && !seafood && !a.byProduct;
  const out: DietTypeT[] = ['omnivore'];
  if (!a.meat) out.push('pescatarian');
  if (vegetarian) out.push('vegetarian');
  if (vegetarian && !a.milk && !a.eggs && !a.honey && !((t.cholesterol ?? 0) > 0)) out.push('vegan');
  const net = t.carbs - t.fiber;
  const keto = isLiquid(t)
    ? net <= KETO.liquidMaxNet
    : net <= KETO.solidMaxNet ||
      (net <= KETO.solidNutsMaxNet && t.kcal > 0 && (4 * net) / t.kcal <= KETO.nutsMaxNetEnergyShare);
  if (keto) out.push('keto');
  return out;
}

type Rule<T> = readonly [RegExp, T];

const ALL: MealTypeT[] = ['breakfast', 'lunch', 'dinner', 'snack'];
const BF_SNACK: MealTypeT[] = ['breakfast', 'snack'];
const MAINS: MealTypeT[] = ['lunch', 'dinner'];
const BLD: MealTypeT[] = ['breakfast', 'lunch', 'dinner'];

/** Meal suitability: the first matching name rule, else the group default. */
export const MEAL_NAME_RULES: readonly Rule<MealTypeT[]>[] = [
  [/\b(biscuit, with egg|english muffin, with egg)/i, ['breakfast']],
  [
    /\b(pizza|lasagna|burritos?|tortellini|macaroni|sandwich|hamburger|cheeseburger|taco|pot pie|pupusas?|empanadas?|noodles|egg rolls?)\b/i,
    MAINS,
  ],
  [/^(milk|yogurt|kefir|soymilk|buttermilk)\b|^[^,]*\bjuice\b/i, BF_SNACK],
  [/^(honey|jams|syrups|sugars)\b/i, BF_SNACK],
  [/\b(peanut butter|almond butter)\b/i, ALL],
  [
    /\b(ice creams?|cookies|cake|cheesecake|pie|doughnut|pudding|frozen yogurt|gelatin|crackers?|rice cakes?|chips|pretzels|popcorn|jerky|candy|chocolate)\b/i,
    ['snack'],
  ],
  [
    /\b(pancakes?|waffles?|bagels?|english muffin|croissants?|blueberry muffin|oatmeal|oats|cream of wheat|farina|grits|granola|muesli)\b/i,
    BF_SNACK,
  ],
  [/\b(egg|eggs|omelet|bacon|canadian|sausage|ham, sliced|smoked salmon|lox|baked beans)\b/i, BLD],
  [/\b(wine|beer|distilled|spirits)\b/i, ['dinner']],
  [/\b(coffee|espresso|tea)\b/i, BF_SNACK],
  [/\b(cheese|cheddar|mozzarella|parmesan|feta|brie|swiss|queso|ricotta)\b/i, ALL],
  [/\b(butter|margarine|cream)\b/i, BLD],
  [
    /\b(hummus|edamame|peanuts|salsa|olives|carrots, raw|celery, raw|cucumber|radishes|tomatoes, red, ripe, raw|peppers, sweet)\b/i,
    [...MAINS, 'snack'],
  ],
  [/\b(avocados?)\b/i, ALL],
  [/\b(plantains?, cooked|coconut milk)\b/i, MAINS],
  [/\b(bread|rolls?|pita|tortillas?)\b/i, BLD],
];
export const MEAL_GROUP_DEFAULT: Readonly<Record<FoodGroupT, MealTypeT[]>> = {
  'dairy-egg': BF_SNACK,
  'spices-herbs': MAINS,
  'baby-foods': ALL,
  'fats-oils': MAINS,
  poultry: MAINS,
  'soups-sauces': MAINS,
  'sausages-luncheon-meats': BLD,
  'breakfast-cereals': BF_SNACK,
  fruits: BF_SNACK,
  pork: MAINS,
  vegetables: MAINS,
  'nuts-seeds': BF_SNACK,
  beef: MAINS,
  beverages: ALL,
  'fish-shellfish': MAINS,
  legumes: MAINS,
  'lamb-veal-game': MAINS,
  'baked-products': BLD,
  sweets: ['snack'],
  'cereal-grains-pasta': MAINS,
  'fast-foods': MAINS,
  'meals-entrees-sides': MAINS,
  snacks: ['snack'],
  'american-indian-alaska-native': MAINS,
  'restaurant-foods': MAINS,
};

/** USDA's "(includes …)" notes list variants, not the food's kind; meal and portion rules skip them. */
const withoutIncludes = (name: string) => name.replace(/\(includes [^)]*\)/gi, '');

export function mealTypesOf(t: Pick<TagInput, 'name' | 'group'>): MealTypeT[] {
  const name = withoutIncludes(t.name);
  for (const [re, m] of MEAL_NAME_RULES) if (re.test(name)) return [...m];
  return [...MEAL_GROUP_DEFAULT[t.group]];
}

const b = (minG: number, maxG: number, stepG: number): PortionBoundsT => ({ minG, maxG, stepG });

/** Portion bounds: the first matching name rule, else the group default. */
export const PORTION_NAME_RULES: readonly Rule<PortionBoundsT>[] = [
  [/^(salt|spices|vanilla)\b/i, b(1, 10, 1)],
  [/\b(garlic|ginger root)\b/i, b(3, 30, 1)],
  // Fresh herbs and nori are garnish (a few sprigs, a sheet); lemon and lime juice a squeeze, not a glass.
  [/^(parsley|coriander|chives|seaweed, laver)\b/i, b(1, 15, 1)],
  [/^(lemon|lime) juice\b/i, b(5, 60, 5)],
  // Wakame and kelp are a side (a seaweed salad is 50–100 g) and salty (wakame 872 mg Na/100 g):
  // at the vegetable default of up to 400 g one serving held 2.7 g of sodium.
  [/^seaweed, (wakame|kelp|agar|irishmoss|spirulina)\b/i, b(3, 100, 1)],
  [
    /^(oil|butter|margarine|lard|salad dressing|vinegar|mustard, prepared|soy sauce|sauce, (fish|worcestershire|teriyaki|oyster|hoisin|ready-to-serve, pepper)|miso|honey|jams|syrups|sugars|cocoa, dry|peanut butter|nuts, almond butter|seeds, sesame butter)\b/i,
    b(5, 50, 5),
  ],
  [/^(catsup|sauce|gravy)\b/i, b(10, 120, 10)],
  [/\b(soup|broth|stock|chowder)\b/i, b(150, 500, 50)],
  [/\bespresso\b/i, b(30, 120, 30)],
  [/\bdistilled\b/i, b(30, 120, 15)],
  [/\bwine\b/i, b(100, 300, 25)],
  // A bowl of yogurt is 150–250 g; 400 g is two large bowls. Drinks (milk, kefir) stay by the glass.
  [/^yogurt\b/i, b(100, 400, 25)],
  [
    /^(milk|kefir|soymilk|buttermilk|beverages|coffee|tea|carbonated|alcoholic beverage, beer|water|lemonade)\b|^[^,]*\bjuice\b|coconut water/i,
    b(100, 750, 50),
  ],
  [/coconut milk/i, b(30, 250, 10)],
  [/hummus/i, b(15, 150, 5)],
  [/^cheese\b/i, b(15, 120, 5)],
  [/^cream\b/i, b(10, 120, 10)],
  [/^egg\b/i, b(50, 200, 25)],
  [/\b(bacon|pepperoni|salami|bologna|ham, sliced|turkey breast, sliced|jerky|anchov)/i, b(15, 120, 5)],
  // Smoked salmon is eaten by the slice (a bagel holds 30–60 g, a plate 100 g) and is salty
  // (784 mg Na/100 g): at the fish default of up to 300 g one breakfast held 2.4 g of sodium.
  [/\b(smoked|lox)\b/i, b(30, 150, 10)],
  [/^(peanuts|nuts|seeds)\b(?!.*(milk|water))/i, b(10, 60, 5)],
  [/\b(raisins|dried|dates|prunes)\b/i, b(15, 80, 5)],
  [/\b(lemons?|limes?|jalapeno|olives|pickles|sauerkraut|scallions|basil)\b/i, b(5, 100, 5)],
  [/\b(oats|flour|cornmeal|gluten)\b(?!.*cooked)/i, b(20, 120, 10)],
  [
    /\b(crackers?|cookies|rice cakes?|chips|pretzels|popcorn|granola bars?|candies|chocolate, dark|milk chocolate)\b/i,
    b(10, 100, 5),
  ],
];
/** Composite dishes keep their group's bounds (their names mention ingredients, not the dish size). */
const DISH_GROUPS: readonly FoodGroupT[] = [
  'fast-foods',
  'meals-entrees-sides',
  'restaurant-foods',
  'american-indian-alaska-native',
];
export const PORTION_GROUP_DEFAULT: Readonly<Record<FoodGroupT, PortionBoundsT>> = {
  'dairy-egg': b(100, 500, 50),
  'spices-herbs': b(1, 10, 1),
  'baby-foods': b(50, 250, 10),
  'fats-oils': b(5, 30, 5),
  poultry: b(50, 300, 25),
  'soups-sauces': b(150, 500, 50),
  'sausages-luncheon-meats': b(25, 200, 25),
  'breakfast-cereals': b(20, 100, 10),
  fruits: b(50, 300, 10),
  pork: b(50, 300, 25),
  vegetables: b(30, 400, 10),
  'nuts-seeds': b(10, 60, 5),
  beef: b(50, 300, 25),
  beverages: b(100, 750, 50),
  'fish-shellfish': b(50, 300, 25),
  legumes: b(50, 300, 25),
  'lamb-veal-game': b(50, 300, 25),
  'baked-products': b(25, 200, 5),
  sweets: b(50, 250, 25),
  'cereal-grains-pasta': b(75, 400, 25),
  'fast-foods': b(100, 600, 25),
  'meals-entrees-sides': b(100, 600, 25),
  snacks: b(10, 100, 5),
  'american-indian-alaska-native': b(100, 600, 25),
  'restaurant-foods': b(100, 600, 25),
};

export function portionOf(t: Pick<TagInput, 'name' | 'group'>): PortionBoundsT {
  // Cooked cereals (oatmeal, grits) are eaten by the bowl, not by the handful.
  if (t.group === 'breakfast-cereals' && /\bcooked\b/i.test(t.name)) return b(150, 400, 25);
  if (DISH_GROUPS.includes(t.group)) {
    return /\bsoup\b/i.test(t.name) ? b(150, 500, 50) : { ...PORTION_GROUP_DEFAULT[t.group] };
  }
  const name = withoutIncludes(t.name);
  for (const [re, p] of PORTION_NAME_RULES) if (re.test(name)) return { ...p };
  return { ...PORTION_GROUP_DEFAULT[t.group] };
}

export interface RawMeasure {
  readonly amount: number;
  readonly label: string;
  readonly grams: number;
}

/** "1.0" + "cup, chopped" → "1 cup, chopped"; 0.5 → "0.5 cup". */
export function measureLabel(m: RawMeasure): string {
  return `${Number(m.amount.toFixed(3))} ${m.label}`.trim();
}

/**
 * Household measures for the catalogue: USDA's measures in USDA order, the default (first) being
 * the first one whose grams lie within the portion bounds ("NLEA serving" is the US label
 * serving and kept as any other). If none fits, the USDA measure nearest the bounds; a food
 * with no measure gets "100 g". At most `max` are kept.
 */
export function servingsOf(
  measures: readonly RawMeasure[],
  portion: PortionBoundsT,
  max = 4,
): { label: string; grams: number }[] {
  const ms = measures.filter((m) => m.grams > 0).map((m) => ({ label: measureLabel(m), grams: m.grams }));
  if (ms.length === 0) return [{ label: '100 g', grams: 100 }];
  const dist = (g: number) => (g < portion.minG ? portion.minG - g : g > portion.maxG ? g - portion.maxG : 0);
  let best = 0;
  for (let i = 1; i < ms.length; i++) if (dist(ms[i]!.grams) < dist(ms[best]!.grams)) best = i;
  const seen = new Set<string>();
  const out: { label: string; grams: number }[] = [];
  for (const m of [ms[best]!, ...ms]) {
    if (seen.has(m.label)) continue;
    seen.add(m.label);
    out.push(m);
    if (out.length === max) break;
  }
  return out;
}
