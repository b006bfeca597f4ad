/**
 * The exit codes of the `switchboard` command. Scripts may rely on them; the README lists them.
 */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** Anything else: the server answered a request with an error, a bug. */
  failure: 1,
  /** Bad usage or configuration: unknown option, account or profile, an invalid config file. */
  usage: 2,
  /** The server could not be reached or secured: refused, timed out, closed, TLS. */
  unreachable: 3,
  /** Authentication: a wrong or missing password, tokens missing or refused; sign in again. */
  auth: 4,
  /** The profile's provider or the server does not allow the operation. */
  refused: 5,
  /** Interrupted (Ctrl-C) before the command finished. */
  interrupted: 130,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
