/**
 * IRCv3 batches (https://ircv3.net/specs/extensions/batch): `BATCH +ref type …` opens one,
 * messages tagged `batch=ref` belong to it, `BATCH -ref` closes it; batches nest. Used by
 * `labeled-response` (the opening `BATCH` carries the `label` tag) and chat history.
 */
import type { IrcMessage } from './IrcMessage';
import { malformed } from './malformed';

/** A closed batch: its opening line's tags, type and parameters, and what it held in order. */
export interface IrcBatch {
  readonly ref: string;
  readonly type: string;
  readonly params: readonly string[];
  /** The tags of the opening `BATCH` line (e.g. `label` for labeled-response). */
  readonly tags: ReadonlyMap<string, string>;
  readonly items: ReadonlyArray<IrcMessage | IrcBatch>;
}

/** Limits for {@link BatchCollector}. */
export interface BatchCollectorOptions {
  /** Batches open at once, nested ones included; default 32. */
  readonly maxOpen?: number;
  /** Messages held in open batches together; default 10,000. */
  readonly maxMessages?: number;
}

interface OpenBatch {
  readonly ref: string;
  readonly type: string;
  readonly params: readonly string[];
  readonly tags: ReadonlyMap<string, string>;
  readonly items: Array<IrcMessage | IrcBatch>;
  readonly parent: string | undefined;
}

/**
 * Holds batched messages until their outermost batch closes. A `batch` tag naming no open batch
 * is ignored (the message is delivered on its own). Closing a batch that is not open, opening one
 * twice, or going over the limits is `SB_IRC_MALFORMED` (`invalid-batch`, `too-many-batches`,
 * `batch-too-large`).
 */
export class BatchCollector {
  private readonly open = new Map<string, OpenBatch>();
  private held = 0;
  private readonly maxOpen: number;
  private readonly maxMessages: number;

  constructor(options: BatchCollectorOptions = {}) {
    this.maxOpen = options.maxOpen ?? 32;
    this.maxMessages = options.maxMessages ?? 10_000;
  }

  /**
   * What to deliver now: the message itself when it is not in a batch, a whole batch when its
   * outermost batch closes, or undefined while it is held.
   */
  push(message: IrcMessage): IrcMessage | IrcBatch | undefined {
    const parentRef = message.tags.get('batch');
    const parent = parentRef === undefined ? undefined : this.open.get(parentRef);
    if (message.command === 'BATCH') {
      const ref = message.params[0] ?? '';
      if (ref.startsWith('+')) return this.start(message, ref.slice(1), parent);
      if (ref.startsWith('-')) return this.end(ref.slice(1));
      throw malformed('invalid-batch');
    }
    if (parent === undefined) return message;
    this.hold();
    parent.items.push(message);
    return undefined;
  }

  private start(message: IrcMessage, ref: string, parent: OpenBatch | undefined): undefined {
    const type = message.params[1];
    if (ref === '' || type === undefined || this.open.has(ref)) throw malformed('invalid-batch');
    if (this.open.size >= this.maxOpen)
      throw malformed('too-many-batches', { limit: this.maxOpen });
    this.open.set(ref, {
      ref,
      type,
      params: message.params.slice(2),
      tags: message.tags,
      items: [],
      parent: parent?.ref,
    });
    return undefined;
  }

  private end(ref: string): IrcBatch | undefined {
    const batch = this.open.get(ref);
    if (batch === undefined) throw malformed('invalid-batch');
    this.open.delete(ref);
    const closed: IrcBatch = {
      ref,
      type: batch.type,
      params: batch.params,
      tags: batch.tags,
      items: batch.items,
    };
    const parent = batch.parent === undefined ? undefined : this.open.get(batch.parent);
    if (parent !== undefined) {
      parent.items.push(closed);
      return undefined;
    }
    this.held -= countMessages(closed);
    return closed;
  }

  private hold(): void {
    this.held++;
    if (this.held > this.maxMessages) {
      throw malformed('batch-too-large', { limit: this.maxMessages });
    }
  }
}

function countMessages(batch: IrcBatch): number {
  let count = 0;
  for (const item of batch.items) count += 'items' in item ? countMessages(item) : 1;
  return count;
}
