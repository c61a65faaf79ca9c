import { filterFoods } from '../foods/index';
import type { FoodT } from '../schemas/food';
import type { PlanRequestT } from '../schemas/plan';
import type { AllergenT } from '../schemas/vocab';

/**
 * @internal The catalogue foods a request allows, in catalogue order: the catalogue filter
 * (`filterFoods`) with the request's diet and allergens, under the meal validator's reading of
 * them — an omnivore diet accepts every food, and `gluten` also rules out `wheat` (the allergen
 * vocabulary says wheat implies gluten) — then without the disliked foods.
 */
export function foodsForRequest(request: PlanRequestT): readonly FoodT[] {
  const p = request.preferences;
  const excludeAllergens: AllergenT[] = [...p.allergens];
  if (excludeAllergens.includes('gluten') && !excludeAllergens.includes('wheat'))
    excludeAllergens.push('wheat');
  const disliked = new Set(p.dislikedFoodIds);
  const foods = filterFoods(
    p.diet === 'omnivore' ? { excludeAllergens } : { diet: p.diet, excludeAllergens },
  );
  return foods.filter((f) => !disliked.has(f.id));
}
