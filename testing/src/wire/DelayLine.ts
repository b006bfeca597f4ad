/** One item of a {@link DelayLine}: bytes to forward, or the end of the stream. */
type Item = { readonly bytes: Buffer; readonly done: () => void } | { readonly end: true };

/**
 * One direction of a link with latency: what goes in comes out `delayMs` later, in order. Each
 * item is due `delayMs` after it was put in; items due at the same time leave together, in the
 * order they came. With `delayMs` 0 everything leaves at once, synchronously.
 */
export class DelayLine {
  private readonly queue: { readonly due: number; readonly item: Item }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  /**
   * @param delayMs - how long each item waits.
   * @param write - forwards bytes (called in order).
   * @param end - ends the far side once everything before it has been forwarded.
   */
  constructor(
    private readonly delayMs: number,
    private readonly write: (bytes: Buffer) => void,
    private readonly end: () => void,
  ) {}

  /** Queues `bytes`; `done` runs right after they were forwarded. */
  push(bytes: Buffer, done: () => void): void {
    this.enqueue({ bytes, done });
  }

  /** Queues the end of the stream behind everything already queued. */
  close(): void {
    this.enqueue({ end: true });
  }

  /** Drops whatever is queued and forwards nothing from now on. */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private enqueue(item: Item): void {
    if (this.stopped) return;
    if (this.delayMs <= 0 && this.queue.length === 0) {
      this.forward(item);
      return;
    }
    this.queue.push({ due: performance.now() + this.delayMs, item });
    this.schedule();
  }

  private schedule(): void {
    const head = this.queue[0];
    if (this.timer !== undefined || head === undefined) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(0, head.due - performance.now()),
    );
  }

  private pump(): void {
    // setTimeout may fire up to a millisecond early: what is due within it leaves now.
    const now = performance.now() + 1;
    while (!this.stopped) {
      const head = this.queue[0];
      if (head === undefined || head.due > now) break;
      this.queue.shift();
      this.forward(head.item);
    }
    this.schedule();
  }

  private forward(item: Item): void {
    if ('end' in item) {
      this.end();
      return;
    }
    this.write(item.bytes);
    item.done();
  }
}
