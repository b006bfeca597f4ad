import type { ExitCode } from './ExitCode';

/** Options of {@link CliError}. */
export interface CliErrorOptions {
  /** What the user should do next, printed as `hint: …`. */
  readonly hint?: string;
  /** More lines printed under the message (e.g. each problem of a config file). */
  readonly details?: readonly string[];
  readonly cause?: unknown;
}

/**
 * A problem the command itself found (bad usage, a config file that is missing or invalid, a
 * secret that is not available), with the exit code it ends with. Never holds a secret.
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  readonly details: readonly string[];

  constructor(exitCode: ExitCode, message: string, options: CliErrorOptions = {}) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}
