#!/usr/bin/env bash
# The test command: installs what is missing, then lint, typecheck, build and every test
# (unit tests and integration tests against a real Prosody started on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure.sh
export TURBO_TELEMETRY_DISABLED=1

ensure_node
ensure_pnpm
ensure_openssl
ensure_prosody
ensure_workspace

say "Lint and format check"
pnpm lint
say "Typecheck"
pnpm typecheck
say "Build (ESM + CJS + types)"
pnpm build
say "Tests"
pnpm test "$@"
