/** What became of one message a {@link MessageLedger} sent. */
export interface LedgerEntry {
  /** The sender's name as given to {@link MessageLedger.send}. */
  readonly sender: string;
  /** 0 for the sender's first message, then 1, 2, … */
  readonly seq: number;
  readonly body: string;
  /** When the send was started (`Date.now()`). */
  readonly sentAt: number;
  /** What the send's promise did so far. */
  readonly outcome: 'pending' | 'ok' | 'rejected';
  /** The rejection's `code` (`'uncoded'` when it had none). */
  readonly code: string | undefined;
  /** When the promise settled. */
  readonly settledAt: number | undefined;
  /** When each delivery happened (`Date.now()`), in order; empty if it never arrived. */
  readonly deliveredAt: readonly number[];
}

/** A run of consecutive messages of one sender that were lost. */
export interface LostBlock {
  readonly sender: string;
  /** The first and last sequence numbers of the run. */
  readonly first: number;
  readonly last: number;
  /** When the first of them was sent. */
  readonly sentAt: number;
}

/** Counts over every message a {@link MessageLedger} sent; see each field. */
export interface LedgerReport {
  /** Messages sent. */
  readonly sent: number;
  /** Sends whose promise resolved. */
  readonly ok: number;
  /** Sends whose promise rejected, by error code (`'uncoded'` for an error without one). */
  readonly rejected: Readonly<Record<string, number>>;
  /** Sends whose promise has not settled yet. */
  readonly pending: number;
  /** Messages delivered at least once. */
  readonly delivered: number;
  /** Resolved sends never delivered: the host was told it went out, and it never arrived. */
  readonly lost: number;
  /** Messages delivered more than once (whatever their send did). */
  readonly duplicated: number;
  /**
   * Resolved sends delivered after a later resolved send of the same sender had been delivered
   * (each counted once, by its first delivery).
   */
  readonly reordered: number;
  /** Messages neither delivered nor rejected: lost ones plus pending ones not delivered. */
  readonly unreported: number;
  /** Rejected sends that were delivered all the same (the host may send them again). */
  readonly deliveredDespiteRejection: number;
  /** Deliveries of this ledger's run whose body no send produced (should be impossible). */
  readonly unknown: number;
  /** The lost messages as runs of consecutive sequence numbers per sender. */
  readonly lostBlocks: readonly LostBlock[];
}
