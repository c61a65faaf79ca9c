/**
 * README demo: `npm run demo` (= `npx tsx examples/core-demo.ts`).
 *
 * Imports the package's source entry directly so it runs without a build. An app imports the
 * same names from '@nexfitra/core'; to run this file that way without building, use
 * `npx tsx --conditions=@nexfitra/source examples/core-demo.ts` with that import instead.
 */
import {
  cunningham,
  dailyTargets,
  harrisBenedict1919,
  katchMcArdle,
  leanMassKg,
  mealSplit,
  mifflinStJeor,
  rozaShizgal1984,
  schofield,
  toCm,
  toKg,
} from '../packages/core/src/index';

const round = (x: number, d = 0) => Number(x.toFixed(d));

// Unit-tagged input at the edge, kilograms and centimetres inside.
const weightKg = toKg({ value: 180, unit: 'lb' }, 'weight');
const heightCm = toCm({ value: 70, unit: 'in' }, 'height');
const profile = {
  sex: 'male',
  ageYears: 35,
  weightKg,
  heightCm,
  activityLevel: 'moderate',
  bodyFatPercent: 20,
} as const;
console.log(`180 lb = ${round(weightKg, 2)} kg, 70 in = ${round(heightCm, 1)} cm, 35 y, male, 20 % fat`);

const bmrInput = { weightKg, heightCm, ageYears: 35, sex: 'male' } as const;
const lean = leanMassKg({ weightKg, bodyFatPercent: 20 });
console.log('\nBMR, kcal/d');
console.table({
  'Mifflin-St Jeor 1990': round(mifflinStJeor(bmrInput)),
  'Harris-Benedict 1919': round(harrisBenedict1919(bmrInput)),
  'Roza-Shizgal 1984': round(rozaShizgal1984(bmrInput)),
  'Schofield 1985': round(schofield(bmrInput)),
  'Katch-McArdle': round(katchMcArdle({ leanMassKg: lean })),
  'Cunningham 1980': round(cunningham({ leanMassKg: lean })),
});

const result = dailyTargets(profile, { type: 'lose', rate: { value: 0.75, unit: '%/week' } });
if (!result.ok) throw new Error(result.refusal.message);
const { bmr, tdee, calories, macros, fiber, amdr, findings } = result;

console.log('\nDaily targets (lose 0.75 % body weight/week)');
console.table({
  [`BMR (${bmr.equation})`]: round(bmr.kcal),
  [`TDEE (PAL ${tdee.pal})`]: round(tdee.kcal),
  'calorie target': round(calories.targetKcal),
  'planned loss, kg/week': round(calories.weeklyRateKg, 2),
});
console.table({
  protein: { grams: macros.proteinG, '% energy': round(amdr.protein.percent, 1), AMDR: amdr.protein.status },
  fat: { grams: macros.fatG, '% energy': round(amdr.fat.percent, 1), AMDR: amdr.fat.status },
  carbohydrate: {
    grams: macros.carbsG,
    '% energy': round(amdr.carbohydrate.percent, 1),
    AMDR: amdr.carbohydrate.status,
  },
  fiber: { grams: round(fiber.forEnergyG), '% energy': '', AMDR: `AI ${fiber.adequateIntakeG} g` },
});

console.log('\nPer meal (4 meals; sums equal the day exactly)');
console.table(
  mealSplit(
    {
      energyKcal: Math.round(calories.targetKcal),
      proteinG: macros.proteinG,
      fatG: macros.fatG,
      carbsG: macros.carbsG,
      fiberG: Math.round(fiber.forEnergyG),
    },
    { meals: 4 },
  ).map(({ index: _index, share: _share, ...meal }) => meal),
);

console.log('\nSafety findings');
console.table(
  findings.length
    ? findings.map(({ code, severity, value, limit, unit }) => ({
        code,
        severity,
        value: round(value, 1),
        limit,
        unit,
      }))
    : [{ code: 'none' }],
);

// The policy in action: a faster loss on a smaller, sedentary person, and a refusal.
const small = dailyTargets(
  {
    sex: 'female',
    age: 40,
    weight: { value: 58, unit: 'kg' },
    height: { value: 160, unit: 'cm' },
    activityLevel: 'sedentary',
  },
  { type: 'lose', rate: { value: 0.75, unit: 'kg/week' }, targetWeight: { value: 54, unit: 'kg' } },
);
if (small.ok) {
  console.log(
    `\n58 kg woman, lose 0.75 kg/week (asks ${round(small.calories.requested.targetKcal)} kcal/d) → planned ${small.calories.targetKcal} kcal/d, limited by ${small.calories.limitedBy ?? 'nothing'}:`,
  );
  console.table(small.findings.map(({ code, severity, message }) => ({ code, severity, message })));
}
const teen = dailyTargets(
  { ...profile, ageYears: 16 },
  { type: 'lose', rate: { value: 0.5, unit: 'kg/week' } },
);
if (!teen.ok)
  console.log(
    `\n16-year-old → refused: ${teen.refusal.reasons.map((r) => r.code).join(', ')}: ${teen.refusal.message}`,
  );
