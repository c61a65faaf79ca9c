import type { z } from 'zod';
import { Exercise } from './exercise';
import { Food } from './food';

/**
 * References into the catalogues. Each id schema is the catalogue record's own `id` field, so a
 * reference accepts exactly the ids a record may have. Whether the id exists in a given
 * catalogue is a validator concern (the schemas do not load catalogues).
 */
export const ExerciseId = Exercise.shape.id.meta({ id: 'ExerciseId', description: 'An exercise id.' });
export const FoodId = Food.shape.id.meta({ id: 'FoodId', description: 'A food id (USDA SR24 NDB number).' });

export type ExerciseIdT = z.infer<typeof ExerciseId>;
export type FoodIdT = z.infer<typeof FoodId>;
