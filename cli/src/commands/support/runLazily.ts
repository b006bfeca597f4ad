import type { Command } from 'commander';
import type { ExitCode } from './ExitCode';
import type { RunContext } from './RunContext';

/**
 * Runs a command's body under `run` (errors, exit codes, cleanups), loading `run` only now: a
 * command's module declares its options and help, and imports its body (with the core, the
 * profiles, the spinner) inside the body, so `--help` and the other commands never load them.
 */
export async function runLazily(
  command: Command,
  body: (context: RunContext) => Promise<ExitCode | undefined>,
): Promise<void> {
  const { run } = await import('./run');
  await run(command, body);
}
