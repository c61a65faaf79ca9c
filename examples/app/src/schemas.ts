/** Request bodies of the app's own endpoints (the plan documents are core's schemas). */
import { Goal, Preferences, Profile, ProgressEntry } from '@nexfitra/core';
import { z } from 'zod';

export const Credentials = z
  .strictObject({
    email: z.email().max(254),
    password: z.string().min(10).max(200),
  })
  .meta({ id: 'Credentials' });

export const SignUp = Credentials.extend({ role: z.enum(['user', 'coach']).default('user') }).meta({
  id: 'SignUp',
});

export const RefreshBody = z
  .strictObject({ refreshToken: z.string().min(20).max(200) })
  .meta({ id: 'RefreshBody' });

export const GrantBody = z.strictObject({ coachEmail: z.email().max(254) }).meta({ id: 'GrantBody' });

/** The stored profile: who (core Profile), the goal and the preferences — a PlanRequest less days and seed. */
export const ProfileDoc = z
  .strictObject({ profile: Profile, goal: Goal, preferences: Preferences })
  .meta({ id: 'ProfileDoc', description: 'The person, their goal and preferences (core schemas).' });

export const EntryBody = ProgressEntry;

export type ProfileDocT = z.output<typeof ProfileDoc>;
