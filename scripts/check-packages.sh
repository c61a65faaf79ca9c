#!/usr/bin/env bash
# Lints each built package as npm would publish it (publint --strict: exports map, types first,
# files present). Run after `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
for dir in packages/*/; do
  npx --no-install publint --strict "$dir"
done
