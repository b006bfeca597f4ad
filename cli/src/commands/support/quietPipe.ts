/**
 * Output piped into a reader that stops early (`switchboard roster alice | head -1`) ends
 * quietly, as it ends `cat`: no EPIPE stack trace. Without a reader of stdout, the command stops
 * (with the exit code so far); without a reader of stderr, it carries on and ends as it would
 * have, its exit code intact.
 */
function closed(error: NodeJS.ErrnoException): boolean {
  return error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED';
}

/** Installs the quiet ends on stdout and stderr; call once, first thing. */
export function quietClosedPipes(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (!closed(error)) throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (!closed(error)) throw error;
  });
}
