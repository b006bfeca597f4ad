/**
 * The IRCv3 `server-time` tag (https://ircv3.net/specs/extensions/server-time): when the server
 * received a message, in UTC with milliseconds (`2026-01-01T12:00:00.000Z`).
 */
import type { IrcMessage } from './IrcMessage';

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/** The message's `time` tag as a Date, or undefined when absent or not a valid timestamp. */
export function serverTime(message: IrcMessage): Date | undefined {
  const value = message.tags.get('time');
  if (value === undefined || !TIME.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
