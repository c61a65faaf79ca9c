/**
 * The web page at `/`: one server-sent HTML document with a small inline script over the JSON
 * API (no framework, no CDN, nothing fetched but this app's own routes). Sign up or in, edit the
 * profile, pick a model and make the week's plan (meals with grams and household measures,
 * sessions with sets × reps), log weight and see the trend chart.
 */
export const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>NexFitra</title>
<style>
body{font:16px/1.45 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d232b}
main{max-width:860px;margin:auto;padding:16px}
h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.15rem;margin:0 0 .6rem}
section{background:#fff;border-radius:10px;padding:14px 16px;margin:0 0 14px;box-shadow:0 1px 3px #0001}
label{display:inline-block;margin:0 10px 8px 0;font-size:.9rem}input,select{font:inherit;padding:5px 7px;border:1px solid #c6ccd4;border-radius:6px;max-width:11rem}
button{font:inherit;padding:6px 14px;border:0;border-radius:6px;background:#1f5fbf;color:#fff;cursor:pointer;margin:4px 6px 4px 0}
.err{color:#b3261e;white-space:pre-wrap}.ok{color:#2e7d32}.muted{color:#5f6b7a;font-size:.9rem}
.day{border-top:1px solid #e4e7eb;padding:8px 0}.meal b{text-transform:capitalize}ul{margin:.2rem 0 .5rem;padding-left:1.2rem}
svg{max-width:100%;height:auto}[hidden]{display:none}
</style></head><body><main>
<h1>NexFitra</h1>
<section id="auth"><h2>Sign in</h2>
<label>Email <input id="email" type="email" autocomplete="username"></label>
<label>Password <input id="password" type="password" autocomplete="current-password"></label><br>
<button id="signin">Sign in</button><button id="signup">Create account</button><p class="err" id="autherr"></p></section>
<div id="app" hidden>
<section><h2>Your profile</h2>
<label>Age <input id="age" type="number" value="35"></label>
<label>Sex <select id="sex"><option>female</option><option>male</option></select></label>
<label>Weight kg <input id="weight" type="number" value="75" step="0.1"></label>
<label>Height cm <input id="height" type="number" value="170"></label>
<label>Activity <select id="activity"><option>sedentary</option><option>light</option><option selected>moderate</option><option>active</option><option>very-active</option></select></label>
<label>Goal <select id="goal"><option>lose</option><option>maintain</option><option>gain</option></select></label>
<label>Diet <select id="diet"><option>omnivore</option><option>vegetarian</option><option>vegan</option><option>pescatarian</option></select></label>
<label>Training days <input id="tdays" type="number" value="3" min="1" max="7"></label><br>
<button id="save">Save profile</button> <span class="ok" id="saved"></span><p class="err" id="proferr"></p></section>
<section><h2>Your week</h2>
<label>Model <select id="model"></select></label><button id="make">Make my plan</button>
<p class="muted" id="planinfo"></p><p class="err" id="planerr"></p><div id="plan"></div></section>
<section><h2>Progress</h2>
<label>Date <input id="date" type="date"></label><label>Weight kg <input id="wlog" type="number" step="0.1"></label>
<button id="logw">Log weight</button><p class="err" id="progerr"></p><div id="chart"></div><p class="muted" id="proginfo"></p></section>
</div></main>
<script type="module">
const $ = (id) => document.getElementById(id);
let token = null;
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
async function api(method, path, body) {
  const res = await fetch(path, { method, headers: { ...(token ? { authorization: 'Bearer ' + token } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const data = res.status === 204 ? null : await res.json();
  if (!res.ok) { const e = data.error; throw new Error(e.message + (e.fields ? '\\n' + e.fields.map((f) => f.path + ': ' + f.allowed).join('\\n') : '') + (e.reasons ? '\\n' + e.reasons.map((r) => r.message).join('\\n') : '')); }
  return data;
}
async function auth(kind) {
  $('autherr').textContent = '';
  try {
    const t = await api('POST', '/auth/' + kind, { email: $('email').value, password: $('password').value });
    token = t.accessToken; $('auth').hidden = true; $('app').hidden = false; await start();
  } catch (e) { $('autherr').textContent = e.message; }
}
$('signin').onclick = () => auth('login'); $('signup').onclick = () => auth('signup');
async function start() {
  const m = await api('GET', '/models');
  $('model').innerHTML = m.models.map((x) => '<option>' + esc(x.id) + '</option>').join('');
  $('date').value = new Date().toISOString().slice(0, 10);
  try { const p = await api('GET', '/profile'); $('age').value = p.profile.age; $('sex').value = p.profile.sex; $('weight').value = p.profile.weight.value; $('height').value = p.profile.height.value; $('activity').value = p.profile.activityLevel; $('goal').value = p.goal.type; $('diet').value = p.preferences.diet; $('tdays').value = p.preferences.trainingDaysPerWeek; } catch {}
  await progress();
}
$('save').onclick = async () => {
  $('proferr').textContent = ''; $('saved').textContent = '';
  const goal = $('goal').value;
  try {
    await api('PUT', '/profile', {
      profile: { age: +$('age').value, sex: $('sex').value, weight: { value: +$('weight').value, unit: 'kg' }, height: { value: +$('height').value, unit: 'cm' }, activityLevel: $('activity').value },
      goal: goal === 'maintain' ? { type: goal } : { type: goal, rate: { value: 0.5, unit: '%bw/week' } },
      preferences: { diet: $('diet').value, allergens: [], mealsPerDay: 3, trainingDaysPerWeek: +$('tdays').value, sessionMinutes: 60, equipment: ['bodyweight', 'dumbbells', 'barbell', 'bench', 'cable', 'machine'], experience: 'beginner' },
    });
    $('proferr').textContent = ''; $('saved').textContent = 'Saved.';
  } catch (e) { $('proferr').textContent = e.message; }
};
$('make').onclick = async () => {
  $('planerr').textContent = ''; $('planinfo').textContent = 'Planning…'; $('plan').innerHTML = '';
  try {
    const r = await api('POST', '/plans?model=' + encodeURIComponent($('model').value));
    const t = r.plan.targets;
    $('planinfo').textContent = 'Plan v' + r.version + ' by ' + r.model + ': ' + t.kcal + ' kcal, ' + t.proteinG + ' g protein, ' + t.fatG + ' g fat, ' + t.carbsG + ' g carbs a day.';
    const days = r.plan.mealPlan.days.map((d, i) => '<div class="day"><b>Day ' + (i + 1) + '</b> · ' + Math.round(r.report.dayTotals[i].kcal) + ' kcal' + d.meals.map((m) => '<div class="meal"><b>' + esc(m.type) + '</b><ul>' + m.items.map((it) => { const f = r.foods[it.foodId] || { name: it.foodId }; return '<li>' + esc(f.name) + ' — ' + Math.round(it.grams) + ' g' + (f.measure ? ' <span class="muted">(' + esc(f.measure) + ')</span>' : '') + '</li>'; }).join('') + '</ul></div>').join('') + '</div>').join('');
    const week = r.plan.workoutProgram.weeks[0];
    const sessions = week.sessions.map((s) => '<div class="day"><b>' + esc(s.name) + '</b><ul>' + s.exercises.map((e) => '<li>' + esc(e.exerciseId.replace(/-/g, ' ')) + ' — ' + e.sets.length + ' × ' + (e.sets[0].reps ?? e.sets[0].seconds + ' s') + (e.sets[0].load && e.sets[0].load.type === 'rir' ? ' <span class="muted">(' + e.sets[0].load.value + ' reps in reserve)</span>' : '') + '</li>').join('') + '</ul></div>').join('');
    $('plan').innerHTML = '<h3>Training, week 1</h3>' + sessions + '<h3>Meals</h3>' + days;
  } catch (e) { $('planinfo').textContent = ''; $('planerr').textContent = e.message; }
};
$('logw').onclick = async () => {
  $('progerr').textContent = '';
  try { await api('POST', '/progress/entries', { date: $('date').value, weight: { value: +$('wlog').value, unit: 'kg' } }); await progress(); }
  catch (e) { $('progerr').textContent = e.message; }
};
async function progress() {
  const p = await api('GET', '/progress');
  $('chart').innerHTML = p.charts.weight || '';
  const last = p.trend && p.trend.points.at(-1);
  $('proginfo').textContent = last ? 'Trend ' + last.trendKg.toFixed(1) + ' kg, ' + last.rateKgPerWeek.toFixed(2) + ' kg/week.' : (p.trendReason || '');
}
</script></body></html>`;
