import ora from 'ora';
import type { RunContext } from './RunContext';

/**
 * Shows a spinner on stderr while `work` runs, when stderr is a terminal and `--debug` is off
 * (the stanza log would tear it); otherwise shows nothing. The spinner is cleared either way
 * before the promise settles, so what follows prints on a clean line.
 */
export async function progress<T>(context: RunContext, text: string, work: Promise<T>): Promise<T> {
  // No spinner without a terminal, or one that reports no width (ora would redraw forever).
  if (context.debug || process.stderr.isTTY !== true || !process.stderr.columns) return work;
  const spinner = ora({ text, stream: process.stderr, discardStdin: false }).start();
  try {
    return await work;
  } finally {
    spinner.stop();
  }
}
