import type { ChildProcess } from 'node:child_process';
import { launchDaemon } from '../process/launchDaemon';
import { prosodyMissing } from './prosodyMissing';

/** A listening service Prosody must report before it counts as ready. */
export interface ServicePort {
  /** Prosody's service name: `c2s`, `c2s_direct_tls` or `https`. */
  readonly service: string;
  readonly port: number;
}

/** What {@link launchProsody} needs. */
export interface LaunchOptions {
  /** The resolved prosody binary. */
  readonly binary: string;
  readonly configFile: string;
  readonly logFile: string;
  /** Services that must be listening on 127.0.0.1. */
  readonly services: readonly ServicePort[];
  readonly timeoutMs: number;
}

/**
 * Whether `line` says `service` listens on its 127.0.0.1 port. With more than one interface
 * Prosody lists them all on one line, in no fixed order
 * (`Activated service 'c2s' on [::1]:5222, [127.0.0.1]:5222`).
 */
function activated(line: string, { service, port }: ServicePort): boolean {
  const marker = `Activated service '${service}' on `;
  const at = line.indexOf(marker);
  if (at < 0) return false;
  return line
    .slice(at + marker.length)
    .split(', ')
    .some((address) => address.trim() === `[127.0.0.1]:${port}`);
}

/**
 * Runs `prosody --config FILE -F` and resolves once the log of this run says every service is
 * listening on its 127.0.0.1 port (`Activated service 'c2s' on [127.0.0.1]:PORT`, the same for
 * `https`; with `ipv6`, `::1` is listed on the same line): from then on the port accepts connections. The log, unlike a TCP probe, proves it is
 * this Prosody that listens, and a probe connection still open at a quick `stop()` makes Prosody
 * wait ~1 s for it to close. Throws SB_PROSODY_MISSING if the binary cannot be spawned,
 * SB_PROSODY_FAILED (see {@link launchDaemon}) if Prosody exits, cannot bind a port, or is not
 * ready in time.
 */
export function launchProsody(options: LaunchOptions): Promise<ChildProcess> {
  const { services } = options;
  return launchDaemon({
    ...options,
    name: 'Prosody',
    args: ['--config', options.configFile, '-F'],
    ports: services.map((s) => s.port),
    missing: prosodyMissing,
    failedCode: 'SB_PROSODY_FAILED',
    readiness: (log) => {
      if (log.includes('Failed to open server port')) return 'port-in-use';
      const lines = log.split('\n');
      const listening = services.every((s) => lines.some((line) => activated(line, s)));
      return listening ? 'ready' : 'starting';
    },
  });
}
