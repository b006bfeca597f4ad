import type { ChildProcess } from 'node:child_process';
import { launchDaemon } from '../process/launchDaemon';
import { ergoMissing } from './ergoMissing';

/** What {@link launchErgo} needs. */
export interface ErgoLaunchOptions {
  /** The resolved ergo binary. */
  readonly binary: string;
  readonly configFile: string;
  readonly logFile: string;
  /** Ports that must be listening on 127.0.0.1. */
  readonly ports: readonly number[];
  readonly timeoutMs: number;
}

/**
 * Runs `ergo run --conf FILE` and resolves once the log of this run says every port listens
 * (`now listening on 127.0.0.1:PORT`) and `Server running`. Throws SB_ERGO_MISSING if the
 * binary cannot be spawned, SB_ERGO_FAILED (see {@link launchDaemon}) if ergo exits, cannot
 * bind a port, or is not ready in time.
 */
export function launchErgo(options: ErgoLaunchOptions): Promise<ChildProcess> {
  const { ports } = options;
  return launchDaemon({
    ...options,
    name: 'ergo',
    args: ['run', '--conf', options.configFile],
    missing: ergoMissing,
    failedCode: 'SB_ERGO_FAILED',
    readiness: (log, output) => {
      const inUse = 'address already in use';
      if (log.includes(inUse) || output.includes(inUse)) return 'port-in-use';
      const listening = ports.every((port) => log.includes(`now listening on 127.0.0.1:${port},`));
      return listening && log.includes('Server running') ? 'ready' : 'starting';
    },
  });
}
