import type { StanzaLogEntry, StanzaLogger } from '@switchboard/core';
import type { ProgressStream } from './Progress';

/**
 * The demo's stanza log: counts what each account sent (to prove that a refused operation sent
 * nothing) and, with `--debug`, prints every stanza, secrets already redacted by Switchboard.
 */
export class StanzaWatch {
  readonly #sent: StanzaLogEntry[] = [];
  readonly #debug: ProgressStream | undefined;

  constructor(debug?: ProgressStream) {
    this.#debug = debug;
  }

  /** The logger to hand to `Switchboard.create({ stanzaLog })`. */
  readonly logger: StanzaLogger = (entry) => {
    if (entry.direction === 'out') this.#sent.push(entry);
    if (this.#debug === undefined) return;
    const at = new Date(entry.at);
    const ms = String(at.getMilliseconds()).padStart(3, '0');
    const time = `${at.toTimeString().slice(0, 8)}.${ms}`;
    const arrow = entry.direction === 'out' ? '>>' : '<<';
    this.#debug.write(`${time} ${entry.account} ${arrow} ${entry.text}\n`);
  };

  /** How many stanzas `account` has sent so far whose text contains `containing`. */
  sent(account: string, containing = ''): number {
    return this.#sent.filter((e) => e.account === account && e.text.includes(containing)).length;
  }
}
