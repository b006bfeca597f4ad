/**
 * The messages a session took and has not settled: each is one or more lines (PRIVMSG or
 * NOTICE), and settles when the server accepted every line (`echo-message`, matched by
 * `label` with `labeled-response`, else in order), or returned one (a bounce), or when the
 * connection is lost (its fate then depends on what was written).
 */

/** One line of a message. */
export interface OutboundLine {
  readonly command: 'PRIVMSG' | 'NOTICE';
  readonly target: string;
  readonly text: string;
  /** The `label` tag it was sent with (labeled-response), if any. */
  label?: string;
  state: 'queued' | 'written' | 'accepted';
}

/** A message the session took, with its lines. */
export interface OutboundEntry {
  readonly id: string;
  readonly lines: OutboundLine[];
}

/** What became of the lines when the connection was lost. */
export interface LossReport {
  /** Messages with a line written but not accepted: whether they arrived is unknown. */
  readonly unknown: readonly string[];
  /** Messages with lines never written: those lines, to send on the next connection. */
  readonly resend: readonly { readonly id: string; readonly lines: OutboundLine[] }[];
}

/** The unsettled messages of one session, oldest first. */
export class OutboundMessages {
  /** By id, in the order they were taken. */
  readonly #entries = new Map<string, OutboundEntry>();
  readonly #entryOf = new Map<OutboundLine, OutboundEntry>();
  readonly #byLabel = new Map<string, OutboundLine>();
  /** Written lines not accepted yet, oldest first (servers echo in order). */
  readonly #written: OutboundLine[] = [];
  #writtenHead = 0;
  #inFlight = 0;
  readonly #remaining = new Map<OutboundEntry, number>();

  get size(): number {
    return this.#entries.size;
  }

  /** Lines written and not accepted yet: on a loss, their messages' fate is unknown. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** A line went to the socket: from here a loss leaves its fate unknown. */
  wrote(line: OutboundLine): void {
    if (line.state !== 'queued') return;
    line.state = 'written';
    this.#inFlight++;
    this.#written.push(line);
  }

  add(entry: OutboundEntry): void {
    this.#entries.set(entry.id, entry);
    this.#remaining.set(entry, entry.lines.length);
    for (const line of entry.lines) {
      this.#entryOf.set(line, entry);
      if (line.label !== undefined) this.#byLabel.set(line.label, line);
    }
  }

  /** The id of the message a line with `label` belongs to. */
  idOfLabel(label: string): string | undefined {
    const line = this.#byLabel.get(label);
    return line === undefined ? undefined : this.#entryOf.get(line)?.id;
  }

  /**
   * Marks the line the server echoed as accepted: the one with `label`, else the oldest written
   * line not yet accepted (servers echo in order). Returns the ids of messages now complete.
   */
  accept(label: string | undefined): string[] {
    const line = label === undefined ? this.#oldestWritten() : this.#byLabel.get(label);
    if (line === undefined || line.state === 'accepted') return [];
    if (line.state === 'written') this.#inFlight--;
    line.state = 'accepted';
    this.#trim();
    if (line.label !== undefined) this.#byLabel.delete(line.label);
    const entry = this.#entryOf.get(line);
    if (entry === undefined) return [];
    const left = (this.#remaining.get(entry) ?? 1) - 1;
    this.#remaining.set(entry, left);
    if (left > 0) return [];
    this.#remove(entry);
    return [entry.id];
  }

  /**
   * True when the oldest written line without a label is `text` to `target` (folded with
   * `fold`): an unlabelled line from this account with them is that line's echo, not a line
   * another connection of the account sent.
   */
  expects(target: string, text: string, fold: (s: string) => string): boolean {
    const line = this.#pendingWritten().find((l) => l.label === undefined);
    return line !== undefined && line.text === text && fold(line.target) === fold(target);
  }

  /**
   * The message a returned line belongs to, removed: by `label`, else the oldest message with a
   * written line to `target` (folded with `fold`).
   */
  bounce(
    label: string | undefined,
    target: string,
    fold: (s: string) => string,
  ): string | undefined {
    let entry: OutboundEntry | undefined;
    if (label !== undefined) {
      const line = this.#byLabel.get(label);
      entry = line === undefined ? undefined : this.#entryOf.get(line);
    } else {
      const folded = fold(target);
      const line = this.#pendingWritten().find((l) => fold(l.target) === folded);
      entry = line === undefined ? undefined : this.#entryOf.get(line);
    }
    if (entry === undefined) return undefined;
    // Its lines are settled: none of them waits for an echo any more.
    for (const line of entry.lines) {
      if (line.state !== 'written') continue;
      line.state = 'accepted';
      this.#inFlight--;
    }
    this.#trim();
    this.#remove(entry);
    return entry.id;
  }

  /** Everything, sorted by what the next connection can do with it; the tracker is emptied. */
  lose(): LossReport {
    const unknown: string[] = [];
    const resend: { id: string; lines: OutboundLine[] }[] = [];
    for (const entry of this.#entries.values()) {
      if (entry.lines.some((line) => line.state === 'written')) unknown.push(entry.id);
      else {
        const lines = entry.lines.filter((line) => line.state === 'queued');
        if (lines.length > 0) resend.push({ id: entry.id, lines });
      }
    }
    this.#entries.clear();
    this.#entryOf.clear();
    this.#byLabel.clear();
    this.#remaining.clear();
    this.#written.length = 0;
    this.#writtenHead = 0;
    this.#inFlight = 0;
    return { unknown, resend };
  }

  /** The oldest written line still waiting for its echo. */
  #oldestWritten(): OutboundLine | undefined {
    this.#trim();
    return this.#written[this.#writtenHead];
  }

  /** Drops settled lines from the front of the written ones. */
  #trim(): void {
    while (this.#writtenHead < this.#written.length) {
      if (this.#written[this.#writtenHead]?.state === 'written') break;
      this.#writtenHead++;
    }
    this.#compact();
  }

  #pendingWritten(): OutboundLine[] {
    return this.#written.slice(this.#writtenHead).filter((line) => line.state === 'written');
  }

  #compact(): void {
    if (this.#writtenHead > 1024 || this.#writtenHead === this.#written.length) {
      this.#written.splice(0, this.#writtenHead);
      this.#writtenHead = 0;
    }
  }

  #remove(entry: OutboundEntry): void {
    this.#entries.delete(entry.id);
    this.#remaining.delete(entry);
    for (const line of entry.lines) {
      this.#entryOf.delete(line);
      if (line.label !== undefined) this.#byLabel.delete(line.label);
    }
  }
}
