import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { type ErrorCode, SwitchboardError } from '@switchboard/core';
import { killOnExit } from '../prosody/exitSafetyNet';

/** Why a launch failed, in `details.reason` of the server's `*_FAILED` error. */
export type LaunchFailure = 'exited' | 'port-in-use' | 'timeout';

/** What this run's log and output say so far. */
export type Readiness = 'ready' | 'port-in-use' | 'starting';

/** One server program of the testing kit (Prosody, ergo), as {@link launchDaemon} runs it. */
export interface DaemonLaunchOptions {
  /** For messages: `Prosody`, `ergo`. */
  readonly name: string;
  /** The resolved binary. */
  readonly binary: string;
  readonly args: readonly string[];
  readonly configFile: string;
  readonly logFile: string;
  /** The 127.0.0.1 ports it must listen on (for messages). */
  readonly ports: readonly number[];
  readonly timeoutMs: number;
  /** The error for a binary that cannot be spawned (e.g. SB_PROSODY_MISSING). */
  readonly missing: (binary: string, cause: Error) => SwitchboardError;
  /** The code of the error for a failed start (e.g. SB_PROSODY_FAILED). */
  readonly failedCode: ErrorCode;
  /** Reads this run's log (and its stdout/stderr): ready, unable to bind, or not yet. */
  readonly readiness: (log: string, output: string) => Readiness;
}

const LOG_LINES = 40;
const POLL_MS = 20;
const OUTPUT_BYTES = 16_384;

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
 * Runs a server of the testing kit and resolves once the log of this run says it listens (the
 * log, unlike a TCP probe, proves it is this process that listens, and leaves no probe
 * connection for a quick `stop()` to wait on). Both output streams are kept (the last 16 KB):
 * servers print configuration errors there before their log opens. Throws `missing(...)` if
 * the binary cannot be spawned, and `failedCode` (with the last 40 lines of output and log in
 * `details.log`, `details.reason` a {@link LaunchFailure}) if it cannot bind a port, exits, or
 * is not ready in time; the process is killed first.
 */
export async function launchDaemon(options: DaemonLaunchOptions): Promise<ChildProcess> {
  const { name, binary, configFile, logFile, ports, timeoutMs } = options;
  const offset = await stat(logFile).then(
    (s) => s.size,
    () => 0,
  );
  const child = spawn(binary, [...options.args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d: Buffer): void => {
    output = (output + d.toString('utf8')).slice(-OUTPUT_BYTES);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const spawnError = await new Promise<Error | undefined>((resolve) => {
    child.once('spawn', () => resolve(undefined));
    child.once('error', resolve);
  });
  if (spawnError !== undefined) throw options.missing(binary, spawnError);
  killOnExit(child);

  const fail = async (reason: LaunchFailure, message: string): Promise<never> => {
    child.kill('SIGKILL');
    await exited(child);
    const text = `${output.trim()}\n${await logSince(logFile, offset)}`.trim();
    throw new SwitchboardError(options.failedCode, message, {
      details: { reason, log: text.split('\n').slice(-LOG_LINES).join('\n'), config: configFile },
    });
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // Read before looking at the exit: a server that could not bind may exit right after.
    const state = options.readiness(await logSince(logFile, offset), output);
    if (state === 'port-in-use') {
      return fail(
        'port-in-use',
        `${name} could not listen on 127.0.0.1 port ${ports.join(', ')}: in use.`,
      );
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      const how = child.exitCode !== null ? `code ${child.exitCode}` : `${child.signalCode}`;
      return fail('exited', `${name} exited during start (${how}); see details.log.`);
    }
    if (state === 'ready') return child;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return fail('timeout', `${name} did not open its ports within ${timeoutMs} ms; see details.log.`);
}
