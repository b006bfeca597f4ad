import type { Command } from 'commander';
import { describeError } from './describeError';
import { ExitCode } from './ExitCode';
import { exitCodeFor } from './exitCodeFor';
import type { RunContext } from './RunContext';

/** How long cleanups (disconnecting) may take after Ctrl-C or a failure. */
const CLEANUP_MS = 3_000;
/** A handle someone forgot must not keep a finished command alive. */
const LINGER_MS = 1_500;

function writeLine(stream: NodeJS.WriteStream, line: string): void {
  stream.write(`${line}\n`);
}

async function runAll(tasks: Array<() => Promise<unknown>>): Promise<void> {
  const all = (async () => {
    for (const task of tasks.splice(0).reverse()) await task().catch(() => undefined);
  })();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLEANUP_MS);
    timer.unref();
  });
  await Promise.race([all, limit]);
  clearTimeout(timer);
}

/**
 * Runs a command's body: errors become `error: …` / `hint: …` on stderr (a stack only with
 * `--debug`) and an exit code ({@link exitCodeFor}); cleanups always run; Ctrl-C cleans up and
 * exits with 130 unless the command takes it over. Sets `process.exitCode`, and exits for real
 * shortly after if a forgotten handle would keep the process alive.
 */
export async function run(
  command: Command,
  body: (context: RunContext) => Promise<ExitCode | undefined>,
): Promise<void> {
  const globals = command.optsWithGlobals<{ debug?: boolean; config?: string }>();
  const debug = globals.debug === true;
  const cleanups: Array<() => Promise<unknown>> = [];
  let interruptHandler: (() => void) | undefined;
  let interrupted = false;
  const context: RunContext = {
    debug,
    config: globals.config,
    facts: {},
    print: (line) => writeLine(process.stdout, line),
    note: (line) => writeLine(process.stderr, line),
    cleanup: (task) => {
      cleanups.push(task);
    },
    onInterrupt: (handler) => {
      interruptHandler = handler;
    },
  };
  const onSigint = (): void => {
    if (interruptHandler !== undefined) {
      interruptHandler();
      return;
    }
    if (interrupted) process.exit(ExitCode.interrupted);
    interrupted = true;
    writeLine(process.stderr, 'Interrupted; disconnecting (Ctrl-C again to quit at once).');
    void runAll(cleanups).then(() => process.exit(ExitCode.interrupted));
  };
  process.on('SIGINT', onSigint);
  let code: ExitCode;
  try {
    code = (await body(context)) ?? ExitCode.ok;
  } catch (error) {
    for (const line of describeError(error, debug, context.facts)) {
      writeLine(process.stderr, line);
    }
    code = exitCodeFor(error);
  } finally {
    await runAll(cleanups);
    process.off('SIGINT', onSigint);
  }
  process.exitCode = code;
  setTimeout(() => process.exit(code), LINGER_MS).unref();
}
