#!/usr/bin/env bash
# npm test - lint, typecheck, unit/integration tests (embedded PGlite by default, the
# PostgreSQL server when TEST_DATABASE_URL is set), build and end-to-end tests in Chromium.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
mkdir -p reports

# Lint and typecheck are one process each: side by side they take the time of the slower one.
echo "== lint and typecheck"
npx eslint . --max-warnings=0 > reports/lint.log 2>&1 & lint=$!
npx tsc --noEmit > reports/typecheck.log 2>&1 & typecheck=$!
lint_rc=0; wait "$lint" || lint_rc=$?
typecheck_rc=0; wait "$typecheck" || typecheck_rc=$?
cat reports/lint.log reports/typecheck.log
if [ "$lint_rc" -ne 0 ] || [ "$typecheck_rc" -ne 0 ]; then
  echo "lint exit $lint_rc, typecheck exit $typecheck_rc"; exit 1
fi
echo "== unit and integration (vitest)"
NODE_OPTIONS="--require $PWD/scripts/node20-compat.cjs ${NODE_OPTIONS:-}" \
  npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
echo "== build"; rm -f .next/ci-build-done; npx next build
# .ci/run starts its PostgreSQL e2e pass on this build, beside the e2e pass below.
touch .next/ci-build-done
echo "== end-to-end (playwright)"
node scripts/ensure-chromium.mjs
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json npx playwright test --reporter=list,json
node scripts/summarize-tests.mjs reports/vitest.json reports/playwright.json
