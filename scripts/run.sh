#!/usr/bin/env bash
# The README's two commands on a fresh machine:
#   bash scripts/run.sh main   set up, build, run the cross-target suite on every target here
#   bash scripts/run.sh test   set up, build, run every test; ends with "N passed, N failed"
set -euo pipefail
cd "$(dirname "$0")/.."
job=${1:-}
case "$job" in
  main | test) ;;
  *) echo "usage: bash scripts/run.sh main|test" >&2; exit 2 ;;
esac

bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"

if [ "$job" = main ]; then
  pnpm run build
  exec pnpm run main
fi

rm -rf -- */test-results */*/test-results
status=0
pnpm run build || status=$?
if [ $status -eq 0 ]; then
  pnpm turbo run test --concurrency=1 --continue --output-logs=new-only || status=$?
fi
node scripts/test-summary.mjs || status=$?
exit $status
