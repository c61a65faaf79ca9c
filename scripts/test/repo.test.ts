/**
 * Repository hygiene that an app developer or a release meets (issue 13): a self-contained
 * repository, a licence in every tarball, npm without warnings, pinned CI actions, internal
 * dependency ranges that `changeset version` can bump, and no package published empty.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const PACKAGES = readdirSync(join(ROOT, 'packages')).filter((p) =>
  existsSync(join(ROOT, 'packages', p, 'package.json')),
);
const pkg = (p: string) => JSON.parse(readFileSync(join(ROOT, 'packages', p, 'package.json'), 'utf8'));

describe('repository', () => {
  it('points at no file outside itself (the team notebook under ../shared)', () => {
    const files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(
        (f) =>
          /\.(ts|tsx|js|mjs|cjs|md|json|yml|sh)$|^\.npmrc$|^\.ci\//.test(f) && !f.startsWith('datasets/'),
      );
    const offenders = files.filter((f) => {
      if (f === 'scripts/test/repo.test.ts' || !existsSync(join(ROOT, f))) return false;
      const text = readFileSync(join(ROOT, f), 'utf8');
      return /(^|[^\w/.-])shared\/(RECIPES|DESIGN|STYLE|SCIENCE)\.md|\.\.\/shared\//.test(text);
    });
    expect(offenders).toEqual([]);
    for (const doc of ['docs/architecture.md', 'docs/recipes.md', 'docs/plan-request.md']) {
      expect(existsSync(join(ROOT, doc))).toBe(true);
    }
  });

  it('has no npm config key that npm warns about (ONNXRUNTIME_NODE_INSTALL=skip is set by .ci/run)', () => {
    const npmrc = join(ROOT, '.npmrc');
    if (existsSync(npmrc)) expect(readFileSync(npmrc, 'utf8')).not.toMatch(/onnxruntime-node-install/);
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/ONNXRUNTIME_NODE_INSTALL=skip/);
  });

  it('carries the full Apache-2.0 text at the root and in every package', () => {
    for (const dir of ['.', ...PACKAGES.map((p) => `packages/${p}`)]) {
      const text = readFileSync(join(ROOT, dir, 'LICENSE'), 'utf8');
      expect(text).toMatch(/Apache License\s+Version 2\.0, January 2004/);
      expect(text).toContain('END OF TERMS AND CONDITIONS');
    }
    for (const p of PACKAGES) expect(pkg(p).license).toBe('Apache-2.0');
  });

  it('pins every third-party action of the workflows to a full commit SHA, with least permissions', () => {
    const dir = join(ROOT, '.github/workflows');
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      const uses = [...text.matchAll(/uses:\s*(\S+)/g)].map((m) => m[1]!);
      expect(uses.length).toBeGreaterThan(0);
      for (const u of uses) expect(u, `${f}: ${u}`).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(text, `${f}: top-level permissions`).toMatch(/^permissions:\s*(\{\}|\n\s+contents: read)/m);
    }
  });
});

describe('packages as published', () => {
  it('pin internal dependencies to the exact current version, so changeset version bumps them', () => {
    const versions = Object.fromEntries(PACKAGES.map((p) => [pkg(p).name, pkg(p).version]));
    for (const p of PACKAGES) {
      const m = pkg(p);
      for (const sec of ['dependencies', 'devDependencies', 'peerDependencies']) {
        for (const [name, range] of Object.entries<string>(m[sec] ?? {})) {
          if (name.startsWith('@nexfitra/')) expect(range, `${m.name} ${sec} ${name}`).toBe(versions[name]);
        }
      }
    }
  });

  it('ship dist (no src/), strip the source condition when packed, and none publishes as an empty 0.0.0', () => {
    const changesets = readdirSync(join(ROOT, '.changeset'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(join(ROOT, '.changeset', f), 'utf8'))
      .join('\n');
    for (const p of PACKAGES) {
      const m = pkg(p);
      if (m.private) continue;
      expect(m.files, m.name).toContain('dist');
      expect(m.files, m.name).not.toContain('src');
      expect(m.scripts?.prepack, m.name).toMatch(/pack-manifest/);
      expect(m.publishConfig?.access ?? 'public').toBe('public');
      // A version still at 0.0.0 must be released by a pending changeset, never published as is.
      if (m.version === '0.0.0') expect(changesets, m.name).toContain(`"${m.name}"`);
    }
    expect(pkg('core').files).toContain('json-schema');
  });
});
