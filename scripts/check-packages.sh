#!/usr/bin/env bash
# The packages as users get them (run after `npm run build`; part of .ci/run):
# 1. `npm pack` every public package (prepack drops the source-only export condition);
# 2. publint --strict and @arethetypeswrong/cli on every tarball;
# 3. a fresh project outside the workspace installs the core and planner tarballs (no workspace
#    links; dependencies from the npm cache), plus a second copy of core, then imports every
#    entry from ESM, CommonJS and TypeScript (node16 and bundler), runs a few calls, bundles
#    core + planner for the browser with plain esbuild, and checks the size budgets.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export ONNXRUNTIME_NODE_INSTALL=skip
TMP=$(mktemp -d "${TMPDIR:-/tmp}/nexfitra-packed.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/tarballs" "$TMP/app"

# CHECK_PACKAGES="core planner" narrows the pack/lint step while developing.
read -r -a PUBLIC <<< "${CHECK_PACKAGES:-core planner inference pipeline eval}"
for p in "${PUBLIC[@]}"; do
  if [ ! -d "packages/$p/dist" ]; then echo "check-packages: packages/$p has no dist/ (run npm run build)" >&2; exit 1; fi
  (cd "packages/$p" && npm pack --silent --pack-destination "$TMP/tarballs" >/dev/null)
done
for t in "$TMP"/tarballs/*.tgz; do
  echo "== $(basename "$t")"
  tar -tzf "$t" > "$TMP/files.txt"
  if grep -q '^package/src/' "$TMP/files.txt"; then echo "check-packages: $(basename "$t") ships src/" >&2; exit 1; fi
  grep -qx 'package/LICENSE' "$TMP/files.txt" || { echo "check-packages: $(basename "$t") has no LICENSE" >&2; exit 1; }
  npx --no-install publint run --strict "$t"
  case "$t" in
    # ESM-only packages: CommonJS apps load them through require(esm) (Node >= 20.19).
    *nexfitra-core-*|*nexfitra-planner-*) npx --no-install attw "$t" --profile esm-only --format table-flipped ;;
    *) npx --no-install attw "$t" --format table-flipped ;;
  esac
done
tar -tzf "$TMP"/tarballs/nexfitra-core-*.tgz > "$TMP/files.txt"
grep -qx 'package/json-schema/PlanRequest.schema.json' "$TMP/files.txt" \
  || { echo "check-packages: core's tarball lacks json-schema/" >&2; exit 1; }

cd "$TMP/app"
CORE=$(ls "$TMP"/tarballs/nexfitra-core-*.tgz)
PLANNER=$(ls "$TMP"/tarballs/nexfitra-planner-*.tgz)
cat > package.json <<JSON
{ "name": "packed-app", "private": true, "type": "module",
  "dependencies": { "@nexfitra/core": "file:$CORE", "@nexfitra/planner": "file:$PLANNER",
                    "core-copy": "file:$CORE" } }
JSON
npm install --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null
cp "$ROOT"/scripts/packed/* .
node esm.mjs
node cjs.cjs
for cfg in tsconfig.node16.json tsconfig.bundler.json; do
  node "$ROOT/node_modules/typescript/bin/tsc" -p "$cfg"
  echo "typescript ($cfg): ok"
done
# The stated minimum TypeScript (docs/recipes.md): 5.4 (5.0–5.3 fail inside zod 4's types).
npm install --prefer-offline --no-audit --no-fund --no-save --loglevel=error typescript@5.4.5 >/dev/null
node node_modules/typescript/bin/tsc -v
node node_modules/typescript/bin/tsc -p tsconfig.bundler.json && echo "typescript 5.4 (bundler): ok"
"$ROOT/node_modules/.bin/esbuild" browser.mjs --bundle --format=esm --platform=browser \
  --outfile=out/browser.js --log-level=warning
echo "esbuild browser bundle of core + planner: ok ($(wc -c < out/browser.js) bytes)"
cd "$ROOT"
npx tsx scripts/package-size.ts --root "$TMP/app"
