/**
 * The demo's step list. On a terminal: a spinner per step (ora); elsewhere (CI, tests, a pipe):
 * plain lines. Details of a step are listed under it.
 */
export interface Progress {
  /** Runs one step: shows it under way, then done with its time, or failed. */
  step<T>(title: string, run: () => Promise<T>): Promise<T>;
  /** A line about the step under way (shown under it). */
  detail(line: string): void;
  /** A line outside any step. */
  line(text: string): void;
  /** Stops showing progress for good (the demo was interrupted); later output is dropped. */
  halt(): void;
}

/** Where a progress writes. */
export interface ProgressStream {
  write(text: string): unknown;
}

/** Elapsed time in a form people read: `850 ms`, `1.4 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
