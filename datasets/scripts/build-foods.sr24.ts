/**
 * Reading USDA SR24 as Debian's `cronometer` package ships it: `usda_sr24.jar`, a zip with one
 * XML file per food (`usda_sr24/NNNNN.xml`) plus `foods.index` (the 7,906 foods of Release 24,
 * `id|name`) and `deprecated.index` (foods dropped by earlier releases; their XML is kept in the
 * jar but they are not part of SR24, so we skip them).
 *
 * The zip reader is a few lines over node:zlib so the build needs no `unzip` binary.
 */
import { inflateRawSync } from 'node:zlib';

/** One nutrient as it appears in the XML (`name`), the column we give it and its unit. */
export interface NutrientDef {
  readonly xml: string;
  readonly key: string;
  readonly unit: string;
}

/**
 * Every nutrient name found in SR24's XML, in a fixed order (the Arrow column order). Units are
 * those of SR24's NUTR_DEF table as cronometer copies them (vitamin A and D in IU, folate as
 * total folate µg, vitamin E as alpha-tocopherol mg); amino acids in g.
 */
export const NUTRIENTS: readonly NutrientDef[] = [
  ['Energy', 'energy_kcal', 'kcal'],
  ['Protein', 'protein_g', 'g'],
  ['Fat', 'fat_g', 'g'],
  ['Carbs', 'carbs_g', 'g'],
  ['Fiber', 'fiber_g', 'g'],
  ['Sugars', 'sugars_g', 'g'],
  ['Starch', 'starch_g', 'g'],
  ['Alcohol', 'alcohol_g', 'g'],
  ['Water', 'water_g', 'g'],
  ['Ash', 'ash_g', 'g'],
  ['Caffeine', 'caffeine_mg', 'mg'],
  ['Saturated', 'saturated_fat_g', 'g'],
  ['Monounsaturated', 'monounsaturated_fat_g', 'g'],
  ['Polyunsaturated', 'polyunsaturated_fat_g', 'g'],
  ['Omega-3', 'omega3_g', 'g'],
  ['Omega-6', 'omega6_g', 'g'],
  ['Trans-Fats', 'trans_fat_g', 'g'],
  ['Cholesterol', 'cholesterol_mg', 'mg'],
  ['Phytosterol', 'phytosterol_mg', 'mg'],
  ['Calcium', 'calcium_mg', 'mg'],
  ['Copper', 'copper_mg', 'mg'],
  ['Fluoride', 'fluoride_ug', 'µg'],
  ['Iron', 'iron_mg', 'mg'],
  ['Magnesium', 'magnesium_mg', 'mg'],
  ['Manganese', 'manganese_mg', 'mg'],
  ['Phosphorus', 'phosphorus_mg', 'mg'],
  ['Potassium', 'potassium_mg', 'mg'],
  ['Selenium', 'selenium_ug', 'µg'],
  ['Sodium', 'sodium_mg', 'mg'],
  ['Zinc', 'zinc_mg', 'mg'],
  ['Vitamin A', 'vitamin_a_iu', 'IU'],
  ['Retinol', 'retinol_ug', 'µg'],
  ['Alpha-carotene', 'alpha_carotene_ug', 'µg'],
  ['Beta-carotene', 'beta_carotene_ug', 'µg'],
  ['Beta-cryptoxanthin', 'beta_cryptoxanthin_ug', 'µg'],
  ['Lycopene', 'lycopene_ug', 'µg'],
  ['Lutein+Zeaxanthin', 'lutein_zeaxanthin_ug', 'µg'],
  ['Folate', 'folate_ug', 'µg'],
  ['B1 (Thiamine)', 'thiamin_mg', 'mg'],
  ['B2 (Riboflavin)', 'riboflavin_mg', 'mg'],
  ['B3 (Niacin)', 'niacin_mg', 'mg'],
  ['B5 (Pantothenic Acid)', 'pantothenic_acid_mg', 'mg'],
  ['B6 (Pyridoxine)', 'vitamin_b6_mg', 'mg'],
  ['B12 (Cyanocobalamin)', 'vitamin_b12_ug', 'µg'],
  ['Vitamin C', 'vitamin_c_mg', 'mg'],
  ['Vitamin D', 'vitamin_d_iu', 'IU'],
  ['Vitamin E', 'vitamin_e_mg', 'mg'],
  ['Beta Tocopherol', 'beta_tocopherol_mg', 'mg'],
  ['Gamma Tocopherol', 'gamma_tocopherol_mg', 'mg'],
  ['Delta Tocopherol', 'delta_tocopherol_mg', 'mg'],
  ['Vitamin K', 'vitamin_k_ug', 'µg'],
  ['Choline', 'choline_mg', 'mg'],
  ['ALA', 'alanine_g', 'g'],
  ['ARG', 'arginine_g', 'g'],
  ['ASP', 'aspartic_acid_g', 'g'],
  ['CYS', 'cystine_g', 'g'],
  ['GLU', 'glutamic_acid_g', 'g'],
  ['GLY', 'glycine_g', 'g'],
  ['HIS', 'histidine_g', 'g'],
  ['HYP', 'hydroxyproline_g', 'g'],
  ['ILE', 'isoleucine_g', 'g'],
  ['LEU', 'leucine_g', 'g'],
  ['LYS', 'lysine_g', 'g'],
  ['MET', 'methionine_g', 'g'],
  ['PHE', 'phenylalanine_g', 'g'],
  ['PRO', 'proline_g', 'g'],
  ['SER', 'serine_g', 'g'],
  ['THR', 'threonine_g', 'g'],
  ['TRP', 'tryptophan_g', 'g'],
  ['TYR', 'tyrosine_g', 'g'],
  ['VAL', 'valine_g', 'g'],
].map(([xml, key, unit]) => ({ xml: xml!, key: key!, unit: unit! }));

export interface Measure {
  readonly amount: number;
  readonly label: string;
  readonly grams: number;
}

export interface SrFood {
  readonly id: string;
  readonly name: string;
  /** Atwater specific factors kcal/g (protein, fat, carbohydrate) from the XML; null if absent. */
  readonly pcf: number | null;
  readonly fcf: number | null;
  readonly ccf: number | null;
  readonly measures: readonly Measure[];
  /** Nutrient amounts per 100 g keyed by {@link NutrientDef.key}; absent = not reported. */
  readonly nutrients: ReadonlyMap<string, number>;
}

/** Reads every stored or deflated entry of a zip archive into memory (no zip64, no encryption). */
export function readZip(buf: Buffer): Map<string, Buffer> {
  const eocdSig = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === eocdSig) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('readZip: end of central directory not found (not a zip?)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let k = 0; k < count; k++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`readZip: bad central header at ${p}`);
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + csize);
    if (method === 0) out.set(name, Buffer.from(raw));
    else if (method === 8) out.set(name, inflateRawSync(raw));
    else throw new Error(`readZip: ${name} uses unsupported method ${method}`);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|quot|amp|lt|gt|apos);/gi, (_m, e: string) => {
    const lower = e.toLowerCase();
    if (lower === 'quot') return '"';
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'apos') return "'";
    return String.fromCodePoint(
      lower.startsWith('#x') ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
    );
  });
}

function attrs(tag: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const a of tag.matchAll(/([A-Za-z_][\w-]*)="([^"]*)"/g)) m.set(a[1]!, unescapeXml(a[2]!));
  return m;
}

function num(s: string | undefined, what: string): number {
  const v = Number(s);
  if (s === undefined || s.trim() === '' || !Number.isFinite(v))
    throw new Error(`bad number for ${what}: ${s}`);
  return v;
}

const BY_XML = new Map(NUTRIENTS.map((n) => [n.xml, n]));

/** Parses one food XML document (`<food uid name pcf fcf ccf><measure/>…<nutrient/>…</food>`). */
export function parseFoodXml(xml: string): SrFood {
  const head = /<food\b([^>]*)>/.exec(xml);
  if (!head) throw new Error('parseFoodXml: no <food> element');
  const fa = attrs(head[1]!);
  const id = fa.get('uid');
  const name = fa.get('name');
  if (!id || !name) throw new Error('parseFoodXml: <food> lacks uid or name');
  const opt = (k: string) => (fa.has(k) ? num(fa.get(k), `${id}.${k}`) : null);
  const measures: Measure[] = [];
  for (const m of xml.matchAll(/<measure\b([^>]*)\/>/g)) {
    const a = attrs(m[1]!);
    measures.push({
      amount: num(a.get('amount'), `${id} measure amount`),
      label: a.get('name') ?? '',
      grams: num(a.get('grams'), `${id} measure grams`),
    });
  }
  const nutrients = new Map<string, number>();
  for (const m of xml.matchAll(/<nutrient\b([^>]*)\/>/g)) {
    const a = attrs(m[1]!);
    const def = BY_XML.get(a.get('name') ?? '');
    if (!def) throw new Error(`parseFoodXml: ${id} has unknown nutrient ${a.get('name')}`);
    if (nutrients.has(def.key)) throw new Error(`parseFoodXml: ${id} repeats ${def.xml}`);
    nutrients.set(def.key, num(a.get('amount'), `${id} ${def.xml}`));
  }
  return { id, name, pcf: opt('pcf'), fcf: opt('fcf'), ccf: opt('ccf'), measures, nutrients };
}

/** All SR24 foods in the jar (those listed in `foods.index`), sorted by id. */
export function readSr24(jar: Buffer): SrFood[] {
  const zip = readZip(jar);
  const index = zip.get('usda_sr24/foods.index');
  if (!index) throw new Error('readSr24: usda_sr24/foods.index missing from jar');
  const ids = index
    .toString('utf8')
    .split('\n')
    .map((l) => l.split('|')[0]!.trim())
    .filter((s) => s !== '');
  const foods = ids.map((id) => {
    const x = zip.get(`usda_sr24/${id}.xml`);
    if (!x) throw new Error(`readSr24: ${id}.xml listed in foods.index but missing`);
    const f = parseFoodXml(x.toString('utf8'));
    if (f.id !== id) throw new Error(`readSr24: ${id}.xml has uid ${f.id}`);
    return f;
  });
  foods.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return foods;
}
