import type { IrcMessage } from '../wire/IrcMessage';

/**
 * The log form of a line whose parameters are secret (SASL payloads, `PASS`): the command with
 * each parameter replaced by `[redacted]`, so the log shows that the step happened.
 */
export function redactLine(message: IrcMessage): string {
  return [message.command, ...message.params.map(() => '[redacted]')].join(' ');
}
