import { DemoInterrupted } from './DemoError';

/** One thing the demo started, and how to stop it. */
interface Held {
  readonly name: string;
  readonly stop: () => Promise<unknown>;
}

/** How stopping one resource went. */
export interface Stopped {
  readonly name: string;
  /** The error's message when stopping failed or took longer than the limit. */
  readonly problem?: string;
}

const STOP_LIMIT_MS = 6_000;

function withLimit(run: () => Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not stop within ${ms} ms`)), ms);
  });
  return Promise.race([run(), late]).then(
    () => clearTimeout(timer),
    (error: unknown) => {
      clearTimeout(timer);
      throw error;
    },
  );
}

/**
 * Everything the demo started (servers, accounts), stopped in reverse order by {@link close},
 * whether the demo ended, failed or was interrupted. Once closing has begun, anything added is
 * stopped at once and the step that added it gets {@link DemoInterrupted}.
 */
export class Resources {
  readonly #held: Held[] = [];
  readonly #late: Promise<unknown>[] = [];
  readonly #abort = new AbortController();
  #closing: Promise<readonly Stopped[]> | undefined;

  /** Aborted once closing has begun: waits in the steps give up then. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** True once {@link close} was called. */
  get closing(): boolean {
    return this.#closing !== undefined;
  }

  /** Holds `resource` until {@link close}; returns it. */
  add<T>(name: string, resource: T, stop: (resource: T) => Promise<unknown>): T {
    const held = { name, stop: () => stop(resource) };
    if (this.#closing !== undefined) {
      this.#late.push(withLimit(held.stop, STOP_LIMIT_MS).catch(() => undefined));
      throw new DemoInterrupted();
    }
    this.#held.push(held);
    return resource;
  }

  /** Throws {@link DemoInterrupted} once closing has begun; steps call it between actions. */
  check(): void {
    if (this.#closing !== undefined) throw new DemoInterrupted();
  }

  /**
   * Stops everything, last added first, each within a time limit; never rejects. Every call
   * returns the same result.
   */
  close(): Promise<readonly Stopped[]> {
    this.#abort.abort();
    this.#closing ??= (async () => {
      const stopped: Stopped[] = [];
      for (const held of this.#held.splice(0).reverse()) {
        try {
          await withLimit(held.stop, STOP_LIMIT_MS);
          stopped.push({ name: held.name });
        } catch (error) {
          stopped.push({ name: held.name, problem: (error as Error).message });
        }
      }
      return stopped;
    })();
    return this.#closing;
  }

  /** Resolves once what was added after {@link close} has been stopped too. */
  async lateStops(): Promise<void> {
    await Promise.all(this.#late);
  }
}
