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
  readonly #entries: OutboundEntry[] = [];
  readonly #byLabel = new Map<string, OutboundLine>();
  #written = 0;

  get size(): number {
    return this.#entries.length;
  }

  /** Lines written and not accepted yet: on a loss, their messages' fate is unknown. */
  get inFlight(): number {
    return this.#written;
  }

  /** A line went to the socket: from here a loss leaves its fate unknown. */
  wrote(line: OutboundLine): void {
    if (line.state !== 'queued') return;
    line.state = 'written';
    this.#written++;
  }

  add(entry: OutboundEntry): void {
    this.#entries.push(entry);
    for (const line of entry.lines) {
      if (line.label !== undefined) this.#byLabel.set(line.label, line);
    }
  }

  /** The id of the message a line with `label` belongs to. */
  idOfLabel(label: string): string | undefined {
    const line = this.#byLabel.get(label);
    return line === undefined ? undefined : this.#entries.find((e) => e.lines.includes(line))?.id;
  }

  /**
   * Marks the line the server echoed as accepted: the one with `label`, else the oldest written
   * line not yet accepted (servers echo in order). Returns the ids of messages now complete.
   */
  accept(label: string | undefined): string[] {
    const line =
      label === undefined ? this.#oldestWritten() : (this.#byLabel.get(label) ?? undefined);
    if (line === undefined) return [];
    if (line.state === 'written') this.#written--;
    line.state = 'accepted';
    if (line.label !== undefined) this.#byLabel.delete(line.label);
    return this.#takeComplete();
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
      entry = this.#entries.find((e) => line !== undefined && e.lines.includes(line));
    } else {
      const folded = fold(target);
      entry = this.#entries.find((e) =>
        e.lines.some((l) => l.state === 'written' && fold(l.target) === folded),
      );
    }
    if (entry === undefined) return undefined;
    this.#written -= entry.lines.filter((l) => l.state === 'written').length;
    this.#remove(entry);
    return entry.id;
  }

  /** Everything, sorted by what the next connection can do with it; the tracker is emptied. */
  lose(): LossReport {
    const unknown: string[] = [];
    const resend: { id: string; lines: OutboundLine[] }[] = [];
    for (const entry of this.#entries.splice(0)) {
      if (entry.lines.some((line) => line.state === 'written')) unknown.push(entry.id);
      else {
        const lines = entry.lines.filter((line) => line.state === 'queued');
        if (lines.length > 0) resend.push({ id: entry.id, lines });
      }
    }
    this.#byLabel.clear();
    this.#written = 0;
    return { unknown, resend };
  }

  #oldestWritten(): OutboundLine | undefined {
    for (const entry of this.#entries) {
      for (const line of entry.lines) if (line.state === 'written') return line;
    }
    return undefined;
  }

  #takeComplete(): string[] {
    const done: string[] = [];
    while (this.#entries.length > 0) {
      const [first] = this.#entries;
      if (first === undefined || !first.lines.every((line) => line.state === 'accepted')) break;
      this.#entries.shift();
      done.push(first.id);
    }
    // A later message may complete before an earlier one (labels); report it in order anyway.
    for (const entry of [...this.#entries]) {
      if (entry.lines.every((line) => line.state === 'accepted')) {
        this.#remove(entry);
        done.push(entry.id);
      }
    }
    return done;
  }

  #remove(entry: OutboundEntry): void {
    const index = this.#entries.indexOf(entry);
    if (index >= 0) this.#entries.splice(index, 1);
    for (const line of entry.lines) if (line.label !== undefined) this.#byLabel.delete(line.label);
  }
}
