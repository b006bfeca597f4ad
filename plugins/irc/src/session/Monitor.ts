/**
 * Presence through IRC `MONITOR` (https://ircv3.net/specs/extensions/monitor): the account's
 * watch list as the server's monitor list, `730`/`731` as online/offline, and `AWAY` of a
 * watched nick (`away-notify` with `extended-monitor`) as away/available. The server keeps the
 * list per connection, so each session sends the whole list after registration.
 */
import type { PresenceUpdate } from '@switchboard/core';
import { SwitchboardError } from '@switchboard/core';
import type { IrcMessage } from '../wire/IrcMessage';

/** What the monitor needs of its session. */
export interface MonitorHost {
  /** Writes `MONITOR <op> <targets>` (through flood control). */
  write(params: string[]): Promise<void>;
  presence(update: PresenceUpdate): void;
  /** Folds a nick for comparison (the server's CASEMAPPING). */
  fold(nick: string): string;
}

/** Targets per `MONITOR` line: a line stays far below 512 bytes. */
const PER_LINE = 20;

/** The monitor list of one session. */
export class Monitor {
  readonly #host: MonitorHost;
  /** The server's `MONITOR` limit; undefined: the server has no MONITOR. */
  readonly #limit: number | undefined;
  /** Folded nick → nick as the account gave it. */
  readonly #watched = new Map<string, string>();

  /** `isupport`: the value of the server's `MONITOR` token ('' for no limit), or undefined. */
  constructor(host: MonitorHost, isupport: string | undefined) {
    this.#host = host;
    this.#limit =
      isupport === undefined ? undefined : isupport === '' ? Infinity : Number(isupport);
  }

  /** Whether the server supports MONITOR. */
  get supported(): boolean {
    return this.#limit !== undefined;
  }

  /**
   * Adds `nicks` to the server's list. Throws SB_CAPABILITY_UNSUPPORTED when the server has no
   * MONITOR and SB_WATCH_LIMIT when the list would pass the server's limit (nothing sent).
   */
  async watch(nicks: readonly string[]): Promise<void> {
    const limit = this.#limit;
    if (limit === undefined) {
      throw new SwitchboardError(
        'SB_CAPABILITY_UNSUPPORTED',
        'This IRC server has no MONITOR, so presence cannot be watched; nothing was sent.',
        { details: { capability: 'watch' } },
      );
    }
    const added = nicks.filter((nick) => !this.#watched.has(this.#host.fold(nick)));
    if (this.#watched.size + added.length > limit) {
      throw new SwitchboardError(
        'SB_WATCH_LIMIT',
        `The IRC server watches at most ${limit} nicks per connection; unwatch some first.`,
        { details: { limit, watched: this.#watched.size, adding: added.length } },
      );
    }
    for (const nick of added) this.#watched.set(this.#host.fold(nick), nick);
    await this.#send('+', added);
  }

  /** Removes `nicks` from the server's list; each one watched is reported offline no more. */
  async unwatch(nicks: readonly string[]): Promise<void> {
    const removed = nicks.filter((nick) => this.#watched.delete(this.#host.fold(nick)));
    if (this.#limit !== undefined) await this.#send('-', removed);
  }

  /** Handles a line about watched nicks; true when it was one. */
  receive(message: IrcMessage): boolean {
    if (message.command === '730' || message.command === '731') {
      const availability = message.command === '730' ? 'available' : 'offline';
      for (const target of (message.params.at(-1) ?? '').split(',')) {
        const nick = target.split('!')[0] ?? '';
        const known = this.#watched.get(this.#host.fold(nick));
        if (known !== undefined) this.#host.presence({ from: known, availability });
      }
      return true;
    }
    if (message.command === 'AWAY' && message.source?.kind === 'user') {
      const known = this.#watched.get(this.#host.fold(message.source.nick));
      if (known === undefined) return false;
      const status = message.params[0];
      this.#host.presence(
        status === undefined || status === ''
          ? { from: known, availability: 'available' }
          : { from: known, availability: 'away', status },
      );
      return true;
    }
    return message.command === '732' || message.command === '733' || message.command === '734';
  }

  async #send(op: '+' | '-', nicks: readonly string[]): Promise<void> {
    for (let i = 0; i < nicks.length; i += PER_LINE) {
      await this.#host.write([op, nicks.slice(i, i + PER_LINE).join(',')]);
    }
  }
}
