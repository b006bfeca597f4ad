/**
 * IRCv3 capability negotiation (https://ircv3.net/specs/extensions/capability-negotiation):
 * the `CAP LS 302` listing over several lines, and `CAP NEW` / `CAP DEL` (`cap-notify`).
 */
import type { IrcMessage } from './IrcMessage';
import { malformed } from './malformed';

/** Capability name → value (`''` when it has none), e.g. `sasl` → `PLAIN,EXTERNAL`. */
export type CapabilityMap = ReadonlyMap<string, string>;

const CAP_NAME = /^[A-Za-z0-9][A-Za-z0-9./_-]*$/;

/** The capabilities in a space-separated list (`sasl=PLAIN,EXTERNAL server-time`). */
export function parseCapList(text: string): Map<string, string> {
  const caps = new Map<string, string>();
  for (const item of text.split(' ')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    const name = eq === -1 ? item : item.slice(0, eq);
    // A `-` prefix (CAP ACK of a removal in 3.1) and `~`/`=` modifiers are not capability names.
    if (!CAP_NAME.test(name.replace(/^[-~=]/, ''))) throw malformed('invalid-cap');
    caps.set(name, eq === -1 ? '' : item.slice(eq + 1));
  }
  return caps;
}

/** The `CAP` subcommand of a message (`LS`, `ACK`, `NEW`…), or undefined for another command. */
export function capSubcommand(message: IrcMessage): string | undefined {
  if (message.command !== 'CAP') return undefined;
  return message.params[1]?.toUpperCase();
}

/**
 * Collects a `CAP LS` reply spread over lines (`CAP * LS * :…` continues, `CAP * LS :…` ends).
 * Bounded: more than `maxLines` lines is `SB_IRC_MALFORMED` (`too-many-cap-lines`).
 */
export class CapLsCollector {
  private readonly caps = new Map<string, string>();
  private lines = 0;

  constructor(private readonly maxLines = 64) {}

  /** Adds one `CAP … LS` line; the whole listing once its last line has come, else undefined. */
  add(message: IrcMessage): CapabilityMap | undefined {
    if (capSubcommand(message) !== 'LS') throw malformed('invalid-cap');
    this.lines++;
    if (this.lines > this.maxLines) throw malformed('too-many-cap-lines', { limit: this.maxLines });
    const more = message.params.length >= 4 && message.params[2] === '*';
    const list = message.params[more ? 3 : 2] ?? '';
    for (const [name, value] of parseCapList(list)) this.caps.set(name, value);
    return more ? undefined : new Map(this.caps);
  }
}

/**
 * `caps` after a `CAP NEW` (added or updated) or `CAP DEL` (removed); other messages leave it as
 * it is. Returns a new map.
 */
export function applyCapChange(caps: CapabilityMap, message: IrcMessage): Map<string, string> {
  const next = new Map(caps);
  const sub = capSubcommand(message);
  if (sub !== 'NEW' && sub !== 'DEL') return next;
  for (const [name, value] of parseCapList(message.params[2] ?? '')) {
    if (sub === 'NEW') next.set(name, value);
    else next.delete(name);
  }
  return next;
}
