import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { SwitchboardError } from '@switchboard/core';
import { killOnExit } from './exitSafetyNet';
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

/** Why a launch failed, in `details.reason` of the SB_PROSODY_FAILED error. */
export type LaunchFailure = 'exited' | 'port-in-use' | 'timeout';

const LOG_LINES = 40;
const POLL_MS = 20;

/** Waits for the child to exit (resolves at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function logSince(file: string, offset: number): Promise<string> {
  const bytes = await readFile(file).catch(() => Buffer.alloc(0));
  return bytes.subarray(offset).toString('utf8');
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
 * wait ~1 s for it to close. Throws SB_PROSODY_MISSING if the
 * binary cannot be spawned, SB_PROSODY_FAILED (with the last 40 lines of output and log in
 * `details.log`) if Prosody exits, cannot bind a port, or is not ready in time; the process is
 * killed first.
 */
export async function launchProsody(options: LaunchOptions): Promise<ChildProcess> {
  const { binary, configFile, logFile, services, timeoutMs } = options;
  const offset = await stat(logFile).then(
    (s) => s.size,
    () => 0,
  );
  // Prosody prints config errors to stdout, so both streams are kept (last 16 KB).
  const child = spawn(binary, ['--config', configFile, '-F'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer): void => {
    output = (output + d.toString('utf8')).slice(-16_384);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const spawnError = await new Promise<Error | undefined>((resolve) => {
    child.once('spawn', () => resolve(undefined));
    child.once('error', resolve);
  });
  if (spawnError !== undefined) throw prosodyMissing(binary, spawnError);
  killOnExit(child);

  const fail = async (reason: LaunchFailure, message: string): Promise<never> => {
    child.kill('SIGKILL');
    await exited(child);
    const text = `${output.trim()}\n${await logSince(logFile, offset)}`.trim();
    throw new SwitchboardError('SB_PROSODY_FAILED', message, {
      details: { reason, log: text.split('\n').slice(-LOG_LINES).join('\n'), config: configFile },
    });
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const how = child.exitCode !== null ? `code ${child.exitCode}` : `${child.signalCode}`;
      return fail('exited', `Prosody exited during start (${how}); see details.log.`);
    }
    const log = await logSince(logFile, offset);
    if (log.includes('Failed to open server port')) {
      const ports = services.map((s) => s.port).join(', ');
      return fail('port-in-use', `Prosody could not listen on 127.0.0.1 port ${ports}: in use.`);
    }
    const lines = log.split('\n');
    const listening = services.every((s) => lines.some((line) => activated(line, s)));
    if (listening) return child;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return fail('timeout', `Prosody did not open its ports within ${timeoutMs} ms; see details.log.`);
}
