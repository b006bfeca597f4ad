#!/usr/bin/env bash
# Runs the benchmark (src/run.ts) with the open-files limit raised: 5,000 accounts need 5,000
# sockets in the benchmark process and as many in Prosody, which inherits the limit. The soft
# limit goes up to the hard limit, at most 65,536; run.ts skips what still does not fit.
set -euo pipefail
# Relative --out paths are taken from where the command was started (pnpm sets INIT_CWD).
export INIT_CWD="${INIT_CWD:-$PWD}"
cd "$(dirname "$0")"
want=65536
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then want=$hard; fi
soft=$(ulimit -Sn)
if [ "$soft" != unlimited ] && [ "$soft" -lt "$want" ]; then
  ulimit -Sn "$want" || echo "bench: could not raise the open-files limit above $soft" >&2
fi
export TSX_TSCONFIG_PATH=tsconfig.run.json
# pnpm 10 passes a `--` separator through (`pnpm bench -- --quick`): the options follow it.
while [ "${1:-}" = "--" ]; do shift; done
exec node --import tsx src/run.ts "$@"
