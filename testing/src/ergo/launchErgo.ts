import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { SwitchboardError } from '@switchboard/core';
import { killOnExit } from '../prosody/exitSafetyNet';
import { exited } from '../prosody/launchProsody';
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

/** Why a launch failed, in `details.reason` of the SB_ERGO_FAILED error. */
export type ErgoLaunchFailure = 'exited' | 'port-in-use' | 'timeout';

const LOG_LINES = 40;
const POLL_MS = 20;

async function logSince(file: string, offset: number): Promise<string> {
  const bytes = await readFile(file).catch(() => Buffer.alloc(0));
  return bytes.subarray(offset).toString('utf8');
}

/**
 * Runs `ergo run --conf FILE` and resolves once the log of this run says every port listens
 * (`now listening on 127.0.0.1:PORT`) and `Server running`: the log, unlike a TCP probe, proves
 * it is this ergo that listens. Throws SB_ERGO_MISSING if the binary cannot be spawned,
 * SB_ERGO_FAILED (with the last 40 lines of output and log in `details.log`) if ergo exits,
 * cannot bind a port, or is not ready in time; the process is killed first.
 */
export async function launchErgo(options: ErgoLaunchOptions): Promise<ChildProcess> {
  const { binary, configFile, logFile, ports, timeoutMs } = options;
  const offset = await stat(logFile).then(
    (s) => s.size,
    () => 0,
  );
  // Config errors go to stderr before the log file is open, so both streams are kept (16 KB).
  const child = spawn(binary, ['run', '--conf', configFile], {
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
  if (spawnError !== undefined) throw ergoMissing(binary, spawnError);
  killOnExit(child);

  const fail = async (reason: ErgoLaunchFailure, message: string): Promise<never> => {
    child.kill('SIGKILL');
    await exited(child);
    const text = `${output.trim()}\n${await logSince(logFile, offset)}`.trim();
    throw new SwitchboardError('SB_ERGO_FAILED', message, {
      details: { reason, log: text.split('\n').slice(-LOG_LINES).join('\n'), config: configFile },
    });
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const log = await logSince(logFile, offset);
    if (log.includes('address already in use') || output.includes('address already in use')) {
      return fail('port-in-use', `ergo could not listen on 127.0.0.1 port ${ports.join(', ')}.`);
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      const how = child.exitCode !== null ? `code ${child.exitCode}` : `${child.signalCode}`;
      return fail('exited', `ergo exited during start (${how}); see details.log.`);
    }
    const listening = ports.every((port) => log.includes(`now listening on 127.0.0.1:${port},`));
    if (listening && log.includes('Server running')) return child;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return fail('timeout', `ergo did not open its ports within ${timeoutMs} ms; see details.log.`);
}
