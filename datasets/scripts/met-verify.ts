/**
 * Checks every row of `@nexfitra/core/met` against a copy of the 2011 Compendium tables and exits
 * non-zero on any missing code or differing value. The copy is not committed (the Compendium is
 * not ours to redistribute); pass its path. The file used for the committed table was
 * `compendiumofphysicalactivities.csv` of github.com/andyreagan/compendium-of-physical-activity
 * (commit 5d0a5d19f243ec5b0b4b1647012d6b0524e06f92), a scrape of the 2011 Compendium website:
 * `|`-separated, columns 5 and 6 are the 2011 code and MET.
 *
 *   npx tsx --conditions=@nexfitra/source datasets/scripts/met-verify.ts path/to/compendium.csv
 */
import { readFileSync } from 'node:fs';
import { MET_VALUES } from '@nexfitra/core/met';

const file = process.argv[2];
if (!file) {
  console.error('usage: met-verify.ts <compendium-2011.csv>');
  process.exit(2);
}
const ref = new Map<string, number>();
for (const line of readFileSync(file, 'utf8').split('\n').slice(2)) {
  const cols = line.split('|');
  const code = cols[4]?.trim();
  const met = Number(cols[5]);
  if (code && /^\d{5}$/.test(code) && Number.isFinite(met)) ref.set(code, met);
}
let bad = 0;
for (const r of MET_VALUES) {
  const want = ref.get(r.code);
  if (want !== r.met) {
    bad++;
    console.error(`${r.code}: table ${r.met}, 2011 Compendium ${want ?? '(missing)'}`);
  }
}
console.log(`${MET_VALUES.length} rows checked against ${ref.size} 2011 codes: ${bad} mismatches`);
process.exit(bad ? 1 : 0);
