/**
 * The profile form: who (age, sex, weight, height, activity), the goal and its rate, food
 * (diet, allergens, meals a day) and training (days, minutes, experience, equipment, injuries).
 * The server validates with core's schemas; each field error is shown next to its field.
 */
import {
  ACTIVITY_LEVELS,
  ALLERGENS,
  DIET_TYPES,
  EQUIPMENT,
  EXPERIENCE_LEVELS,
  GOAL_TYPES,
  INJURY_SITES,
  SEXES,
} from '@nexfitra/core';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { ApiError, api, type FieldError } from './api';

export interface ProfileDoc {
  profile: {
    age: number;
    sex: string;
    weight: { value: number; unit: string };
    height: { value: number; unit: string };
    activityLevel: string;
  };
  goal: { type: string; rate?: { value: number; unit: string } };
  preferences: {
    diet: string;
    allergens: string[];
    mealsPerDay: number;
    trainingDaysPerWeek: number;
    sessionMinutes: number;
    equipment: string[];
    injuries: string[];
    experience: string;
  };
}

interface Form {
  age: string;
  sex: string;
  weight: string;
  height: string;
  activityLevel: string;
  goal: string;
  rate: string;
  diet: string;
  allergens: string[];
  mealsPerDay: string;
  trainingDaysPerWeek: string;
  sessionMinutes: string;
  experience: string;
  equipment: string[];
  injuries: string[];
}

const EMPTY: Form = {
  age: '',
  sex: 'female',
  weight: '',
  height: '',
  activityLevel: 'moderate',
  goal: 'maintain',
  rate: '0.5',
  diet: 'omnivore',
  allergens: [],
  mealsPerDay: '3',
  trainingDaysPerWeek: '3',
  sessionMinutes: '45',
  experience: 'beginner',
  equipment: ['bodyweight', 'dumbbells', 'bench'],
  injuries: [],
};

const ACTIVITY_TEXT: Record<string, string> = {
  sedentary: 'Sedentary (desk job, little walking)',
  light: 'Light (walks, 1–3 light sessions)',
  moderate: 'Moderate (on your feet, 3–5 sessions)',
  active: 'Active (physical job or daily training)',
  'very-active': 'Very active (hard training twice a day)',
};
const words = (s: string) => (s.charAt(0).toUpperCase() + s.slice(1)).replace(/-/g, ' ');

function toForm(p: ProfileDoc | null): Form {
  if (!p) return EMPTY;
  return {
    age: String(p.profile.age),
    sex: p.profile.sex,
    weight: String(
      p.profile.weight.unit === 'kg'
        ? p.profile.weight.value
        : Math.round(p.profile.weight.value * 4.5359237) / 10,
    ),
    height: String(
      p.profile.height.unit === 'cm' ? p.profile.height.value : Math.round(p.profile.height.value * 2.54),
    ),
    activityLevel: p.profile.activityLevel,
    goal: p.goal.type,
    rate: String(p.goal.rate?.value ?? 0.5),
    diet: p.preferences.diet,
    allergens: p.preferences.allergens,
    mealsPerDay: String(p.preferences.mealsPerDay),
    trainingDaysPerWeek: String(p.preferences.trainingDaysPerWeek),
    sessionMinutes: String(p.preferences.sessionMinutes),
    experience: p.preferences.experience,
    equipment: p.preferences.equipment,
    injuries: p.preferences.injuries,
  };
}

/** A number field's value: empty stays empty (null), so the server names the missing field. */
const num = (s: string) => (s.trim() === '' ? null : Number(s));

function toDoc(f: Form) {
  return {
    profile: {
      age: num(f.age),
      sex: f.sex,
      weight: { value: num(f.weight), unit: 'kg' },
      height: { value: num(f.height), unit: 'cm' },
      activityLevel: f.activityLevel,
    },
    goal:
      f.goal === 'maintain'
        ? { type: f.goal }
        : { type: f.goal, rate: { value: num(f.rate), unit: '%bw/week' } },
    preferences: {
      diet: f.diet,
      allergens: f.allergens,
      mealsPerDay: num(f.mealsPerDay),
      trainingDaysPerWeek: num(f.trainingDaysPerWeek),
      sessionMinutes: num(f.sessionMinutes),
      equipment: f.equipment,
      injuries: f.injuries,
      experience: f.experience,
    },
  };
}

/** The form field a server path belongs to: the longest field key the path starts with. */
const FIELD_OF: Record<string, keyof Form> = {
  'profile.age': 'age',
  'profile.sex': 'sex',
  'profile.weight': 'weight',
  'profile.height': 'height',
  'profile.activityLevel': 'activityLevel',
  'goal.type': 'goal',
  goal: 'rate',
  'goal.rate': 'rate',
  'preferences.diet': 'diet',
  'preferences.allergens': 'allergens',
  'preferences.mealsPerDay': 'mealsPerDay',
  'preferences.trainingDaysPerWeek': 'trainingDaysPerWeek',
  'preferences.sessionMinutes': 'sessionMinutes',
  'preferences.experience': 'experience',
  'preferences.equipment': 'equipment',
  'preferences.injuries': 'injuries',
};

function byField(fields: readonly FieldError[]): {
  map: Partial<Record<keyof Form, string>>;
  rest: string[];
} {
  const map: Partial<Record<keyof Form, string>> = {};
  const rest: string[] = [];
  for (const f of fields) {
    const key = Object.keys(FIELD_OF)
      .filter((k) => f.path === k || f.path.startsWith(`${k}.`))
      .sort((a, b) => b.length - a.length)[0];
    if (key) map[FIELD_OF[key]!] ??= f.allowed;
    else rest.push(`${f.path}: ${f.allowed}`);
  }
  return { map, rest };
}

export function ProfileForm({
  initial,
  onSaved,
  onPlan,
}: {
  initial: ProfileDoc | null;
  onSaved: (p: ProfileDoc) => void;
  onPlan: () => void;
}) {
  const [form, setForm] = useState<Form>(() => toForm(initial));
  const [errors, setErrors] = useState<Partial<Record<keyof Form, string>>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // After a refused save, take the person to the first field to fix (it may be far above Save).
  useEffect(() => {
    if (Object.keys(errors).length > 0)
      document.querySelector<HTMLElement>('.profile [aria-invalid="true"]')?.focus();
  }, [errors]);
  const set = (k: keyof Form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const toggle = (k: 'allergens' | 'equipment' | 'injuries', v: string) =>
    setForm((f) => ({ ...f, [k]: f[k].includes(v) ? f[k].filter((x) => x !== v) : [...f[k], v] }));

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const saved = await api<ProfileDoc & { version: number }>('PUT', '/profile', toDoc(form));
      setErrors({});
      setMessage({ ok: true, text: `Saved (version ${saved.version}).` });
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError) {
        const { map, rest } = byField(err.fields);
        setErrors(map);
        setMessage({
          ok: false,
          text: rest.length ? rest.join('; ') : 'Please fix the fields marked in red.',
        });
      } else setMessage({ ok: false, text: 'The server did not answer.' });
    } finally {
      setBusy(false);
    }
  }

  const number = (
    k: keyof Form,
    label: string,
    props: { min?: number; max?: number; step?: number; unit?: string },
  ) => (
    <Field id={k} label={label} error={errors[k]} unit={props.unit}>
      <input
        id={`f-${k}`}
        name={k}
        type="number"
        inputMode="decimal"
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        value={form[k] as string}
        onChange={(e) => set(k)(e.target.value)}
        aria-invalid={!!errors[k]}
        aria-describedby={errors[k] ? `e-${k}` : undefined}
      />
    </Field>
  );
  const select = (
    k: keyof Form,
    label: string,
    options: readonly string[],
    text: (o: string) => string = words,
  ) => (
    <Field id={k} label={label} error={errors[k]}>
      <select
        id={`f-${k}`}
        name={k}
        value={form[k] as string}
        onChange={(e) => set(k)(e.target.value)}
        aria-invalid={!!errors[k]}
        aria-describedby={errors[k] ? `e-${k}` : undefined}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {text(o)}
          </option>
        ))}
      </select>
    </Field>
  );
  const checks = (k: 'allergens' | 'equipment' | 'injuries', legend: string, options: readonly string[]) => (
    <fieldset className="checks" aria-describedby={errors[k] ? `e-${k}` : undefined}>
      <legend>{legend}</legend>
      <div className="chips">
        {options.map((o) => (
          <label key={o} className={form[k].includes(o) ? 'chip on' : 'chip'}>
            <input
              type="checkbox"
              name={k}
              value={o}
              checked={form[k].includes(o)}
              onChange={() => toggle(k, o)}
            />
            {words(o)}
          </label>
        ))}
      </div>
      {errors[k] && (
        <small id={`e-${k}`} className="error">
          {errors[k]}
        </small>
      )}
    </fieldset>
  );

  return (
    <form className="profile" onSubmit={save} noValidate aria-label="Your profile">
      <div className="card">
        <h2>About you</h2>
        <div className="grid">
          {number('age', 'Age', { min: 18, max: 100, unit: 'years' })}
          {select('sex', 'Sex', SEXES)}
          {number('weight', 'Weight', { min: 30, max: 300, step: 0.1, unit: 'kg' })}
          {number('height', 'Height', { min: 120, max: 230, unit: 'cm' })}
        </div>
        {select('activityLevel', 'Daily activity', ACTIVITY_LEVELS, (o) => ACTIVITY_TEXT[o] ?? words(o))}
      </div>
      <div className="card">
        <h2>Goal</h2>
        <div className="grid">
          {select(
            'goal',
            'I want to',
            GOAL_TYPES,
            (o) => ({ lose: 'Lose weight', maintain: 'Keep my weight', gain: 'Gain weight' })[o] ?? o,
          )}
          {form.goal !== 'maintain' &&
            number('rate', 'Rate', { min: 0.1, max: 1, step: 0.05, unit: '% of body weight a week' })}
        </div>
      </div>
      <div className="card">
        <h2>Food</h2>
        <div className="grid">
          {select('diet', 'Diet', DIET_TYPES)}
          {number('mealsPerDay', 'Meals a day', { min: 2, max: 6 })}
        </div>
        {checks('allergens', 'Allergies and intolerances', ALLERGENS)}
      </div>
      <div className="card">
        <h2>Training</h2>
        <div className="grid">
          {number('trainingDaysPerWeek', 'Days a week', { min: 1, max: 7 })}
          {number('sessionMinutes', 'Minutes a session', { min: 10, max: 240, step: 5 })}
          {select('experience', 'Experience', EXPERIENCE_LEVELS)}
        </div>
        {checks('equipment', 'Equipment you have', EQUIPMENT)}
        {checks('injuries', 'Injuries to work around', INJURY_SITES)}
      </div>
      <div className="actions sticky">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save profile'}
        </button>
        {message?.ok && (
          <button type="button" className="ghost" onClick={onPlan}>
            Plan my week →
          </button>
        )}
        {message && (
          <span role="status" className={message.ok ? 'ok' : 'error'}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}

function Field({
  id,
  label,
  error,
  unit,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  unit?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={`f-${id}`}>
        {label}
        {unit && <span className="unit"> ({unit})</span>}
      </label>
      {children}
      {error && (
        <small id={`e-${id}`} className="error">
          {error}
        </small>
      )}
    </div>
  );
}
