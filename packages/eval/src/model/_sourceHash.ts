/**
 * @internal sha256 over the files of installed packages (their `src/` when present, else
 * `dist/`): the identity of a rule model is its code, so editing the planner or the validators
 * invalidates cached results.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function files(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * Hash of the named packages' code (resolved from the working directory), plus `extra`. A name
 * may end in `:<folder>` to hash only that folder of the package's sources (e.g.
 * `@nexfitra/eval:src/metrics`); without sources the whole `dist/` is hashed.
 */
export function packagesHash(names: readonly string[], extra: string): string {
  const h = createHash('sha256');
  h.update(extra);
  const req = createRequire(join(process.cwd(), 'noop.js'));
  for (const entry of names) {
    const [name = entry, sub] = entry.split(':');
    let dir: string;
    try {
      dir = dirname(req.resolve(`${name}/package.json`));
    } catch {
      h.update(`${name}:unresolved`);
      continue;
    }
    h.update(readFileSync(join(dir, 'package.json')));
    const src = files(join(dir, sub ?? 'src'));
    for (const f of src.length > 0 ? src : files(join(dir, 'dist'))) {
      h.update(f.slice(dir.length));
      h.update(readFileSync(f));
    }
  }
  return h.digest('hex');
}
