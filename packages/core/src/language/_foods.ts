import { FOODS } from '../foods/index';
import { isFoodAllowed } from '../nutrition/foodRules';
import type { FoodT } from '../schemas/food';
import type { PlanRequestT } from '../schemas/plan';

/**
 * @internal The catalogue foods a request allows, in catalogue order, under the hard food rules
 * the validators and planners apply too (`isFoodAllowed`: diet, allergens with gluten ⇒ wheat,
 * dislikes).
 */
export function foodsForRequest(request: PlanRequestT): readonly FoodT[] {
  return FOODS.filter((f) => isFoodAllowed(f, request.preferences));
}
