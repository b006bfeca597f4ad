#!/usr/bin/env bash
# The test command: installs what is missing, then lint, typecheck, build and every test
# (unit tests and integration tests against a real Prosody and a real ergo started on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure.sh
export TURBO_TELEMETRY_DISABLED=1

ensure_all

say "Lint and format check"
pnpm lint
say "Typecheck"
pnpm typecheck
say "Build (ESM + CJS + types)"
pnpm build
say "Packages as published (LICENSE, publint, are-the-types-wrong)"
pnpm check:packages
say "API reference (typedoc, warnings are errors)"
pnpm docs:api
say "Tests"
results=$(mktemp)
status=0
pnpm test --json --outputFile="$results" "$@" || status=$?
# The plain closing line CI reads: "N passed, N failed".
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);' "$results" 2>/dev/null || true
rm -f "$results"
exit "$status"
