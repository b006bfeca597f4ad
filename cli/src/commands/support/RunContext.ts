import type { HintFacts } from './HintFacts';

/** What a command's body gets from {@link run}. */
export interface RunContext {
  /** `--debug` was given: stanza log, stacks. */
  readonly debug: boolean;
  /** `--config <file>` (or `$SWITCHBOARD_CONFIG`), before or after the command; else undefined. */
  readonly config: string | undefined;
  /** Filled in by the command as it goes; the error hint uses it. */
  readonly facts: HintFacts;
  /** Prints data (what scripts consume) to stdout. */
  print(line: string): void;
  /** Prints a message for the user (progress, confirmations, warnings) to stderr. */
  note(line: string): void;
  /** Runs when the command ends, however it ends (e.g. disconnect). Last registered runs first. */
  cleanup(task: () => Promise<unknown>): void;
  /**
   * Takes over Ctrl-C (SIGINT). Without it, Ctrl-C runs the cleanups and exits with 130.
   */
  onInterrupt(handler: () => void): void;
}
