#!/bin/sh
# Rebuild quietly (for development).
set -e
cd "$(dirname "$0")/.."
node scripts/build-wasm.mjs >/dev/null
npx tsup >/dev/null 2>&1 || npx tsup 2>&1 | cut -c1-300 | tail -20
node scripts/copy-wasm.mjs
