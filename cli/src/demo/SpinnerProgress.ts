import ora, { type Ora } from 'ora';
import { formatDuration, type Progress } from './Progress';

const INDENT = '        ';

/**
 * Progress on a terminal: a spinner for the step under way, showing its latest detail; when the
 * step ends, a ✔ or ✖ line with its time, and its details under it.
 */
export class SpinnerProgress implements Progress {
  readonly #out: NodeJS.WriteStream;
  readonly #total: number;
  #number = 0;
  #spinner: Ora | undefined;
  #heading = '';
  #details: string[] = [];
  #halted = false;

  constructor(out: NodeJS.WriteStream, total: number) {
    this.#out = out;
    this.#total = total;
  }

  async step<T>(title: string, run: () => Promise<T>): Promise<T> {
    this.#number += 1;
    const heading = `[${this.#number}/${this.#total}] ${title}`;
    this.#heading = heading;
    this.#details = [];
    const spinner = ora({ text: heading, stream: this.#out });
    this.#spinner = spinner.start();
    const started = performance.now();
    const took = (): string => formatDuration(performance.now() - started);
    try {
      const result = await run();
      if (!this.#halted) spinner.succeed(`${heading} (${took()})`);
      return result;
    } catch (error) {
      if (!this.#halted) spinner.fail(`${heading} (failed after ${took()})`);
      throw error;
    } finally {
      this.#spinner = undefined;
      for (const line of this.#details.splice(0)) this.line(`${INDENT}${line}`);
    }
  }

  detail(line: string): void {
    if (this.#spinner === undefined) {
      this.line(`${INDENT}${line}`);
      return;
    }
    this.#details.push(line);
    this.#spinner.text = `${this.#heading} — ${line}`;
  }

  line(text: string): void {
    if (!this.#halted) this.#out.write(`${text}\n`);
  }

  halt(): void {
    if (this.#halted) return;
    this.#spinner?.stopAndPersist({ symbol: '■', text: 'interrupted' });
    this.#halted = true;
  }
}
