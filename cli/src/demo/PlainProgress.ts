import { formatDuration, type Progress, type ProgressStream } from './Progress';

const INDENT = '      ';

/** Progress as plain lines, for output that is not a terminal: no colours, no cursor moves. */
export class PlainProgress implements Progress {
  readonly #out: ProgressStream;
  readonly #total: number;
  #number = 0;
  #halted = false;

  constructor(out: ProgressStream, total: number) {
    this.#out = out;
    this.#total = total;
  }

  async step<T>(title: string, run: () => Promise<T>): Promise<T> {
    this.#number += 1;
    this.line(`[${this.#number}/${this.#total}] ${title}`);
    const started = performance.now();
    try {
      const result = await run();
      this.detail(`✓ ${formatDuration(performance.now() - started)}`);
      return result;
    } catch (error) {
      this.detail(`✗ failed after ${formatDuration(performance.now() - started)}`);
      throw error;
    }
  }

  detail(line: string): void {
    this.line(`${INDENT}${line}`);
  }

  line(text: string): void {
    if (!this.#halted) this.#out.write(`${text}\n`);
  }

  halt(): void {
    this.#halted = true;
  }
}
