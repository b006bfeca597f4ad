#!/usr/bin/env bash
# The demo command, the first thing to run after cloning: installs what is missing (pnpm, Debian's
# prosody 13 with prosody-modules, ergochat and openssl), installs the workspace's dependencies,
# builds it, and runs `switchboard demo`: Jabber, Messenger, Facebook and Google Talk emulated by a Prosody on
# loopback and an IRC network on a local ergo, signed in through Switchboard, messages,
# presence, typing, a Jabber ⇄ IRC bridge, a capability refusal and an OAuth2 token refresh. Arguments go to the command (e.g. --debug for a redacted stanza log).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure.sh
export TURBO_TELEMETRY_DISABLED=1

ensure_all

build_workspace
say "Run the demo (node cli/dist/bin.js demo)"
exec node cli/dist/bin.js demo "$@"
