import { describe, expect, it } from 'vitest';
import { getFood } from '../src/foods/index';
import { avoidedAllergens, foodConflicts, isFoodAllowed, NexFitraError } from '../src/index';

// Expectations from what the foods are (not from the code): tofu is vegan soy; whole-wheat bread
// contains wheat (so gluten); salmon is fish.
const tofu = getFood('16126');
const bread = getFood('18075');
const salmon = getFood('15237');
const none = { diet: 'omnivore', allergens: [], dislikedFoodIds: [] } as const;

describe('the hard food rules', () => {
  it('avoiding gluten also avoids wheat, not the reverse', () => {
    expect([...avoidedAllergens(['gluten'])].sort()).toEqual(['gluten', 'wheat']);
    expect([...avoidedAllergens(['wheat'])]).toEqual(['wheat']);
  });
  it('names each rule a food breaks', () => {
    expect(foodConflicts(tofu, { diet: 'vegan', allergens: ['soy'], dislikedFoodIds: [] })).toEqual({
      allergens: ['soy'],
      diet: false,
      disliked: false,
    });
    expect(foodConflicts(salmon, { diet: 'vegetarian', allergens: [], dislikedFoodIds: ['15237'] })).toEqual({
      allergens: [],
      diet: true,
      disliked: true,
    });
  });
  it('allows a food only when no rule is broken; omnivore accepts every diet', () => {
    expect(isFoodAllowed(bread, { ...none, allergens: ['gluten'] })).toBe(false);
    expect(isFoodAllowed(salmon, none)).toBe(true);
    expect(isFoodAllowed(tofu, { ...none, diet: 'vegan' })).toBe(true);
  });
  it('rejects bad input with a typed error naming the field', () => {
    expect(() => avoidedAllergens(['nuts' as never])).toThrowError(NexFitraError);
    expect(() => isFoodAllowed(tofu, { ...none, diet: 'paleo' as never })).toThrowError(/prefs\.diet/);
  });
});
