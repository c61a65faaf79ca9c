/**
 * The one-way package graph (docs/architecture.md): core ← planner ← inference ← {pipeline, eval}. Fails if a
 * package's sources, tests, benches or scripts import a @nexfitra package it may not depend on,
 * if core imports anything but zod, or if core's sources use a Node built-in.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const allowed: Record<string, readonly string[]> = {
  core: [],
  planner: ['core'],
  inference: ['core', 'planner'],
  pipeline: ['core', 'planner', 'inference'],
  eval: ['core', 'planner', 'inference'],
};

function* files(dir: string): Generator<string> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|mts|cts|js|mjs)$/.test(n)) yield p;
  }
}

const importRe = /(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;
const problems: string[] = [];
for (const [pkg, deps] of Object.entries(allowed)) {
  for (const area of ['src', 'test', 'bench', 'scripts']) {
    for (const file of files(join('packages', pkg, area))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(importRe)) {
        const spec = m[1]!;
        const own = /^@nexfitra\/([^/]+)/.exec(spec)?.[1];
        if (own && own !== pkg && !deps.includes(own))
          problems.push(
            `${file}: imports ${spec} (${pkg} may use: ${deps.join(', ') || 'no other @nexfitra package'})`,
          );
        if (spec.startsWith('.')) {
          const target = relative('packages', resolve(dirname(file), spec)).split(sep)[0];
          if (target && target !== pkg && !deps.includes(target))
            problems.push(`${file}: reaches into packages/${target} by path (${spec})`);
        }
        if (pkg === 'core' && area === 'src' && !spec.startsWith('.') && spec !== 'zod' && own !== 'core')
          problems.push(`${file}: core source imports ${spec}; core depends on zod only`);
      }
    }
  }
}
if (problems.length) {
  console.error(`check-deps: ${problems.length} import(s) break the package graph:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('check-deps: the package graph is one-way; core imports zod only');
