import { SwitchboardError } from '@switchboard/core';

/** The SB_ERGO_MISSING error for a binary that is not installed (or not on PATH). */
export function ergoMissing(binary: string, cause?: unknown): SwitchboardError {
  return new SwitchboardError(
    'SB_ERGO_MISSING',
    `ergo is not installed (${binary} not found): run \`apt-get install -y ergochat\` (Debian trixie or newer; on bookworm add trixie as an apt source, as scripts/lib/ensure.sh does).`,
    cause === undefined ? { details: { binary } } : { cause, details: { binary } },
  );
}
