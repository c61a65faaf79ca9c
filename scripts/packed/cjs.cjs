// CommonJS app: the ESM-only packages load through require(esm) (Node >= 20.19).
const assert = require('node:assert/strict');
const core = require('@nexfitra/core');
const copy = require('core-copy');
for (const sub of ['foods', 'exercises', 'met', 'language', 'dishes', 'progress']) {
  assert.ok(Object.keys(require(`@nexfitra/core/${sub}`)).length > 0, sub);
}
assert.equal(typeof require('@nexfitra/planner').createPlan, 'function');
assert.equal(core.mifflinStJeor({ sex: 'male', ageYears: 30, weightKg: 80, heightCm: 180 }), 1780);
// An error from the language entry (required from CJS) and from a second copy is recognised.
const errs = [];
try {
  require('@nexfitra/core/language').parsePlan(42);
} catch (e) {
  errs.push(e);
}
try {
  copy.bmi({ weightKg: -1, heightCm: 175 });
} catch (e) {
  errs.push(e);
}
assert.equal(errs.length, 2);
for (const e of errs) assert.equal(core.isNexFitraError(e), true, String(e));
console.log('cjs: every entry requires; errors from /language and a second copy recognised');
