#!/usr/bin/env node
/**
 * prepack / postpack of each public package. The `@nexfitra/source` export condition points at
 * `src/`, which the repository's tests and scripts use and which the tarball does not ship;
 * while packing, the manifest drops that condition (and the prepack/postpack scripts), and
 * `--restore` puts the original back.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const FILE = 'package.json';
const BACKUP = 'package.json.prepack';

if (process.argv.includes('--restore')) {
  if (existsSync(BACKUP)) renameSync(BACKUP, FILE);
} else {
  const text = readFileSync(FILE, 'utf8');
  writeFileSync(BACKUP, text);
  const pkg = JSON.parse(text);
  const strip = (v) => {
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== '@nexfitra/source')
        .map(([k, x]) => [k, strip(x)]),
    );
  };
  pkg.exports = strip(pkg.exports);
  if (pkg.scripts) {
    delete pkg.scripts.prepack;
    delete pkg.scripts.postpack;
  }
  writeFileSync(FILE, `${JSON.stringify(pkg, null, 2)}\n`);
}
