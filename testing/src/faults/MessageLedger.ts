/**
 * End-to-end message accounting for fault tests: numbered bodies on the sending side, what
 * each send's promise did, every delivery on the receiving side, and the verdict (lost,
 * duplicated, reordered, unreported).
 */
import type { Account } from '@switchboard/core';
import type { LedgerEntry, LedgerReport, LostBlock } from './LedgerReport';

interface Entry {
  sender: string;
  seq: number;
  body: string;
  sentAt: number;
  outcome: LedgerEntry['outcome'];
  code: string | undefined;
  settledAt: number | undefined;
  deliveredAt: number[];
  /** The ledger-wide count of deliveries at this message's first one (orders same-ms ones). */
  firstDelivery: number;
}

/** Something that emits received messages, e.g. an {@link Account}. */
export type MessageSource = Pick<Account, 'on' | 'off'>;

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'uncoded';
}

/**
 * Keeps the books of one run. Bodies look like `<prefix>-<run>-<sender index>-<n>`, so messages
 * of another run or another ledger are ignored by this one.
 */
export class MessageLedger {
  /** Distinguishes this run's bodies from any other's. */
  readonly run: string;
  readonly #prefix: string;
  readonly #pattern: RegExp;
  readonly #senders = new Map<string, Entry[]>();
  readonly #bySenderIndex: Entry[][] = [];
  readonly #waiters = new Set<() => void>();
  #unknown = 0;
  #deliveries = 0;
  #pending = 0;
  #okUndelivered = 0;

  /**
   * @param prefix - starts every body, e.g. `storm`.
   * @param run - a name for the run; default a random one.
   */
  constructor(prefix = 'ledger', run = Math.random().toString(36).slice(2, 8)) {
    this.#prefix = prefix;
    this.run = run;
    const literal = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.#pattern = new RegExp(`^${literal(prefix)}-${literal(run)}-(\\d+)-(\\d+)$`);
  }

  /**
   * Sends `sender`'s next message: calls `send` with its numbered body and records what the
   * returned promise does. Returns the body at once; a `send` that throws counts as rejected.
   */
  send(sender: string, send: (body: string) => Promise<unknown>): string {
    let list = this.#senders.get(sender);
    if (list === undefined) {
      list = [];
      this.#senders.set(sender, list);
      this.#bySenderIndex.push(list);
    }
    const senderIndex = this.#bySenderIndex.indexOf(list);
    const body = `${this.#prefix}-${this.run}-${senderIndex}-${list.length}`;
    const entry: Entry = {
      sender,
      seq: list.length,
      body,
      sentAt: Date.now(),
      outcome: 'pending',
      code: undefined,
      settledAt: undefined,
      deliveredAt: [],
      firstDelivery: -1,
    };
    list.push(entry);
    this.#pending += 1;
    let sending: Promise<unknown>;
    try {
      sending = send(body);
    } catch (error) {
      sending = Promise.reject(error);
    }
    sending.then(
      () => this.#settle(entry, 'ok', undefined),
      (error: unknown) => this.#settle(entry, 'rejected', codeOf(error)),
    );
    return body;
  }

  /** Records that a message with `body` reached a host; bodies of other runs are ignored. */
  delivered(body: string): void {
    const match = this.#pattern.exec(body);
    if (match === null) return;
    const entry = this.#bySenderIndex[Number(match[1])]?.[Number(match[2])];
    if (entry === undefined) {
      this.#unknown += 1;
      return;
    }
    entry.deliveredAt.push(Date.now());
    this.#deliveries += 1;
    if (entry.firstDelivery < 0) entry.firstDelivery = this.#deliveries;
    if (entry.deliveredAt.length === 1 && entry.outcome === 'ok') this.#okUndelivered -= 1;
    this.#wake();
  }

  /** Records every message `source` emits; returns a function that stops recording. */
  watch(source: MessageSource): () => void {
    const listener = (message: { body: string }): void => this.delivered(message.body);
    source.on('message', listener);
    return () => {
      source.off('message', listener);
    };
  }

  /** Every message sent, per sender in send order, senders in order of their first send. */
  entries(): readonly LedgerEntry[] {
    return this.#bySenderIndex.flat().map(({ firstDelivery: _, ...e }) => ({
      ...e,
      deliveredAt: [...e.deliveredAt],
    }));
  }

  /** The counts as they stand now. */
  report(): LedgerReport {
    const all = this.#bySenderIndex.flat();
    const rejected: Record<string, number> = {};
    for (const e of all) {
      if (e.code !== undefined) rejected[e.code] = (rejected[e.code] ?? 0) + 1;
    }
    const ok = all.filter((e) => e.outcome === 'ok');
    const lostEntries = ok.filter((e) => e.deliveredAt.length === 0);
    return {
      sent: all.length,
      ok: ok.length,
      rejected,
      pending: this.#pending,
      delivered: all.filter((e) => e.deliveredAt.length > 0).length,
      lost: lostEntries.length,
      duplicated: all.filter((e) => e.deliveredAt.length > 1).length,
      reordered: this.#bySenderIndex.reduce((n, list) => n + reorderedIn(list), 0),
      unreported: all.filter((e) => e.deliveredAt.length === 0 && e.outcome !== 'rejected').length,
      deliveredDespiteRejection: all.filter(
        (e) => e.outcome === 'rejected' && e.deliveredAt.length > 0,
      ).length,
      unknown: this.#unknown,
      lostBlocks: blocksOf(lostEntries),
    };
  }

  /**
   * Resolves with the report once no send is pending, or after `timeoutMs` (then some are).
   */
  settled(timeoutMs: number): Promise<LedgerReport> {
    return this.#until(() => this.#pending === 0, timeoutMs);
  }

  /**
   * Resolves with the report once every resolved send was delivered, or after `timeoutMs` (then
   * `lost` says how many were not): it never rejects, so a test can assert on the numbers.
   * Sends still pending are not waited for: await {@link settled} first.
   */
  waitForDelivery(timeoutMs: number): Promise<LedgerReport> {
    return this.#until(() => this.#okUndelivered === 0, timeoutMs);
  }

  #settle(entry: Entry, outcome: 'ok' | 'rejected', code: string | undefined): void {
    entry.outcome = outcome;
    entry.code = code;
    entry.settledAt = Date.now();
    this.#pending -= 1;
    if (outcome === 'ok' && entry.deliveredAt.length === 0) this.#okUndelivered += 1;
    this.#wake();
  }

  #until(done: () => boolean, timeoutMs: number): Promise<LedgerReport> {
    return new Promise((resolve) => {
      const finish = (): void => {
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(this.report());
      };
      const check = (): void => {
        if (done()) finish();
      };
      const timer = setTimeout(finish, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  #wake(): void {
    for (const check of [...this.#waiters]) check();
  }
}

/** Resolved sends delivered (first time) after a later resolved send of the same list. */
function reorderedIn(list: readonly Entry[]): number {
  const firsts = list
    .filter((e) => e.outcome === 'ok' && e.deliveredAt.length > 0)
    .sort((a, b) => a.firstDelivery - b.firstDelivery);
  let highest = -1;
  let count = 0;
  for (const e of firsts) {
    if (e.seq < highest) count += 1;
    else highest = e.seq;
  }
  return count;
}

function blocksOf(lost: readonly Entry[]): LostBlock[] {
  const blocks: LostBlock[] = [];
  let current: { sender: string; first: number; last: number; sentAt: number } | undefined;
  for (const e of lost) {
    if (current !== undefined && current.sender === e.sender && current.last === e.seq - 1) {
      current.last = e.seq;
      continue;
    }
    if (current !== undefined) blocks.push(current);
    current = { sender: e.sender, first: e.seq, last: e.seq, sentAt: e.sentAt };
  }
  if (current !== undefined) blocks.push(current);
  return blocks;
}
