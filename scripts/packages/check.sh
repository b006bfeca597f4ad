#!/usr/bin/env bash
# Checks every published package as a registry would receive it (run after `pnpm build`):
# - its LICENSE is the repository's;
# - publint: package.json fields, `exports`, `files` and the packed files agree;
# - @arethetypeswrong/cli: the types resolve under node10, node16 (CJS and ESM) and bundler for
#   every entry point. Packages without types (the `switchboard` command) are skipped there.
set -euo pipefail
cd "$(dirname "$0")/../.."
status=0
for dir in $(bash scripts/packages/publishable.sh); do
  echo "== $dir"
  if ! cmp -s LICENSE "$dir/LICENSE"; then
    echo "$dir/LICENSE is missing or differs from the repository's LICENSE" >&2
    status=1
  fi
  (cd "$dir" && pnpm exec publint --strict) || status=1
  if node -e 'process.exit(require(process.argv[1]).types ? 0 : 1)' "./$dir/package.json"; then
    (cd "$dir" && pnpm exec attw --pack . --format ascii --quiet) || status=1
  fi
done
exit "$status"
