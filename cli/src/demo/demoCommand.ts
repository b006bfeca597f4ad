import { setTimeout as delay } from 'node:timers/promises';
import { describeError } from './describeError';
import { onInterrupt } from './onInterrupt';
import { PlainProgress } from './PlainProgress';
import type { Progress } from './Progress';
import { Resources } from './Resources';
import { DEMO_STEPS, runDemo } from './runDemo';
import { SpinnerProgress } from './SpinnerProgress';

/** Options of {@link demoCommand}. */
export interface DemoCommandOptions {
  /** Print the stanza log (secrets redacted) to stderr. */
  readonly debug: boolean;
}

function progressFor(out: NodeJS.WriteStream): Progress {
  // A terminal of unknown width (columns 0, e.g. under `script`) would make ora redraw forever.
  const tty =
    out.isTTY === true &&
    out.columns > 0 &&
    process.env.CI === undefined &&
    process.env.TERM !== 'dumb';
  return tty ? new SpinnerProgress(out, DEMO_STEPS) : new PlainProgress(out, DEMO_STEPS);
}

/**
 * `switchboard demo`: runs the demo with a step list on stdout and resolves with the exit code
 * (0 done, 1 failed, with the reason on stderr). On Ctrl-C or SIGTERM it stops everything the
 * demo started and exits with 130 or 143.
 */
export async function demoCommand(options: DemoCommandOptions): Promise<number> {
  const { stdout, stderr } = process;
  const progress = progressFor(stdout);
  const resources = new Resources();
  let running: Promise<void> | undefined;
  const interrupt = onInterrupt(async (signal) => {
    progress.halt();
    stdout.write(`\nInterrupted (${signal}): stopping everything the demo started…\n`);
    for (const { name, problem } of await resources.close()) {
      stdout.write(
        `  ${problem === undefined ? 'stopped' : `could not stop (${problem})`}: ${name}\n`,
      );
    }
    // A server that was starting when the signal came is stopped as soon as it is up.
    await Promise.race([running?.catch(() => undefined), delay(2_000)]);
    await resources.lateStops();
  });
  try {
    running = runDemo({
      progress,
      resources,
      ...(options.debug ? { debugStream: stderr } : {}),
    });
    await running;
    return 0;
  } catch (error) {
    // The signal handler stops everything and exits; the steps it interrupted end here.
    if (interrupt.signal !== undefined) {
      return new Promise<number>(() => undefined);
    }
    stderr.write('\n');
    for (const line of describeError(error)) stderr.write(`${line}\n`);
    const problems = (await resources.close()).filter((s) => s.problem !== undefined);
    for (const { name, problem } of problems)
      stderr.write(`  could not stop the ${name}: ${problem}\n`);
    return 1;
  } finally {
    if (interrupt.signal === undefined) {
      await resources.close();
      interrupt.dispose();
    }
  }
}
