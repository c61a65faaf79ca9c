/**
 * @internal Harder variants of unloaded exercises, easier first. Bodyweight work has no load to
 * add: once every set reaches the top of its rep range, the person moves on to the next variant
 * of the chain that fits them (equipment, injuries, level, exclusions — the pool). The order is
 * the usual calisthenics progression (more of the body's weight over the working limb: a wall
 * or a table push-up before a floor push-up, two legs before one, a bridge before a
 * single-leg bridge); it is our reading of common practice, not a measured ranking.
 */
const CHAINS: readonly (readonly string[])[] = [
  ['wall-push-up', 'incline-push-up', 'kneeling-push-up', 'push-up', 'decline-push-up', 'archer-push-up'],
  ['close-grip-push-up', 'diamond-push-up'],
  [
    'high-box-squat',
    'bodyweight-squat',
    'split-squat',
    'bulgarian-split-squat',
    'shrimp-squat',
    'pistol-squat',
  ],
  ['sumo-squat', 'bodyweight-squat'],
  ['low-step-up', 'step-up', 'bulgarian-split-squat'],
  ['reverse-lunge', 'walking-lunge', 'bulgarian-split-squat'],
  ['forward-lunge', 'walking-lunge'],
  ['glute-bridge', 'single-leg-glute-bridge', 'hamstring-bridge'],
  ['bodyweight-good-morning', 'bodyweight-single-leg-rdl'],
  ['door-frame-row', 'table-inverted-row', 'underhand-table-row'],
  ['prone-towel-pulldown', 'prone-w-pulldown', 'negative-pull-up', 'pull-up', 'archer-pull-up'],
  ['band-assisted-pull-up', 'negative-pull-up', 'pull-up', 'archer-pull-up'],
  ['scapular-pull-up', 'negative-pull-up', 'chin-up'],
  ['pike-push-up', 'elevated-pike-push-up', 'wall-handstand-push-up'],
  ['sliding-leg-curl', 'nordic-curl'],
  ['dead-bug', 'hollow-body-hold'],
  ['crunch', 'reverse-crunch', 'lying-leg-raise', 'v-up'],
  ['hanging-knee-raise', 'hanging-leg-raise', 'toes-to-bar'],
  ['standing-calf-raise', 'single-leg-calf-raise'],
  ['bench-dip', 'bodyweight-triceps-extension'],
];

/** The next harder variant of `id` that the person may do (`allowed`), or `undefined`. */
export function nextVariant(id: string, allowed: ReadonlySet<string>): string | undefined {
  for (const chain of CHAINS) {
    const i = chain.indexOf(id);
    if (i < 0) continue;
    const next = chain.slice(i + 1).find((x) => allowed.has(x));
    if (next !== undefined) return next;
  }
  return undefined;
}
