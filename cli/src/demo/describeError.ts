import { SwitchboardError } from '@switchboard/core';

const LOG_LINES = 15;

/** The hint for Prosody or ergo missing: the message already names the package to install. */
const MISSING_HINT = './scripts/demo.sh installs it (and everything else the demo needs) for you.';

/**
 * What the user reads when the demo fails, as the other commands print it: `error: …` (with
 * the code of a Switchboard error), `hint: …` (what to do), and for a Prosody that would not
 * start, its last log lines. Switchboard's errors never contain a secret, nor do the demo's own.
 */
export function describeError(error: unknown): string[] {
  if (!SwitchboardError.is(error)) {
    const message = error instanceof Error ? error.message : String(error);
    const cause = error instanceof Error ? error.cause : undefined;
    const more = SwitchboardError.is(cause) ? describeError(cause).slice(1) : [];
    return [`error: ${message}`, ...more];
  }
  const lines = [`error: ${error.message} (${error.code})`];
  const missing = error.code === 'SB_PROSODY_MISSING' || error.code === 'SB_ERGO_MISSING';
  lines.push(`hint: ${missing ? MISSING_HINT : error.hint}`);
  const log = error.details.log;
  if (error.code === 'SB_PROSODY_FAILED' && typeof log === 'string') {
    lines.push(
      "Prosody's last log lines:",
      ...log
        .split('\n')
        .slice(-LOG_LINES)
        .map((l) => `  ${l}`),
    );
  }
  return lines;
}
