import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { type ErrorCode, SwitchboardError } from '@switchboard/core';
import { keepOnExit } from '../prosody/exitSafetyNet';
import { exited } from './launchDaemon';

/**
 * The running process of one test server, and its directory: started with a retry when a
 * freshly picked port was taken meanwhile, killed, restarted on the same ports, and stopped
 * (process ended, directory removed). `launch` starts the process with the current
 * configuration.
 */
export class DaemonProcess {
  readonly #launch: () => Promise<ChildProcess>;
  readonly #dir: string;
  readonly #failedCode: ErrorCode;
  #child: ChildProcess | undefined;
  #stopped = false;

  constructor(launch: () => Promise<ChildProcess>, dir: string, failedCode: ErrorCode) {
    this.#launch = launch;
    this.#dir = dir;
    this.#failedCode = failedCode;
  }

  /**
   * Launches; when the launch fails with `port-in-use`, `repick()` writes a configuration with
   * other ports and it tries again, `attempts` times in all.
   */
  async start(repick: () => Promise<void>, attempts: number): Promise<void> {
    for (let attempt = 1; this.#child === undefined; attempt++) {
      try {
        this.#child = await this.#launch();
      } catch (error) {
        const inUse = SwitchboardError.is(error) && error.details.reason === 'port-in-use';
        if (!inUse || attempt >= attempts) throw error;
        await repick();
      }
    }
  }

  /** Ends the process with `signal` (SIGKILL after 5 s), keeping the directory. */
  readonly kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const proc = this.#child;
    if (proc === undefined) return;
    this.#child = undefined;
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    proc.kill(signal);
    await exited(proc);
    clearTimeout(timer);
  };

  /** Ends the process (SIGTERM) and starts it again with the same configuration and data. */
  readonly restart = async (): Promise<void> => {
    if (this.#stopped) {
      throw new SwitchboardError(this.#failedCode, 'This server was stopped; start a new one.');
    }
    await this.kill('SIGTERM');
    this.#child = await this.#launch();
  };

  /** Ends the process and removes its directory. Idempotent. */
  readonly stop = async (): Promise<void> => {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.kill('SIGTERM');
    await rm(this.#dir, { recursive: true, force: true });
    keepOnExit(this.#dir);
  };
}
