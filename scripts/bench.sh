#!/usr/bin/env bash
# The benchmark command: installs what is missing (pnpm, Debian's prosody 13 with prosody-modules, ergochat and openssl),
# installs the workspace's dependencies, builds it, and runs bench/ (Switchboard against raw
# @xmpp/client and StanzaJS on one Prosody, and against irc-framework on one ergo), which writes
# its tables into docs/performance.md. Arguments go
# to the benchmark (e.g. --quick, --only login, --out -). Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure.sh
export TURBO_TELEMETRY_DISABLED=1

ensure_all

build_workspace
say "Run the benchmark (bench/bench.sh)"
exec bash bench/bench.sh "$@"
