#!/usr/bin/env bash
# Prints the directory of every package this workspace publishes (the non-private ones), one a line.
set -euo pipefail
cd "$(dirname "$0")/../.."
pnpm ls -r --depth -1 --json | node -e '
  const all = JSON.parse(require("fs").readFileSync(0, "utf8"));
  for (const p of all) if (!p.private) console.log(require("path").relative(process.cwd(), p.path));'
