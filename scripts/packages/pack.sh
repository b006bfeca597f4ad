#!/usr/bin/env bash
# Packs every published package into one directory (default: ./packed), as a registry would
# receive them: `bash scripts/packages/pack.sh [DIR]`. Run `pnpm build` first.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$(mkdir -p "${1:-$root/packed}" && cd "${1:-$root/packed}" && pwd)"
for dir in $(bash "$root/scripts/packages/publishable.sh"); do
  (cd "$root/$dir" && pnpm pack --pack-destination "$dest" >/dev/null)
done
ls "$dest"/*.tgz
