import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwitchboardError } from '@switchboard/core';
import { freePort } from '../net/freePort';
import { waitForPort } from '../net/waitForPort';
import { makeCertificates } from './makeCertificates';
import type { ProsodyHost, ProsodyOptions } from './ProsodyOptions';
import type { ProsodyServer } from './ProsodyServer';
import { renderConfig } from './renderConfig';
import { runCommand } from './runCommand';

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills every server this process started if the process exits without stopping them. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

function missing(binary: string, cause?: unknown): SwitchboardError {
  return new SwitchboardError(
    'SB_PROSODY_MISSING',
    `Prosody is not installed (${binary} not found): run \`apt-get install -y prosody\` (Debian/Ubuntu).`,
    { cause, details: { binary } },
  );
}

async function tail(file: string, lines = 40): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines).join('\n');
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts Debian's Prosody as a child process on a free loopback port, with its own config, data
 * directory, throwaway CA and users. Always `stop()` it (e.g. in `afterAll`).
 */
export async function startProsody(options: ProsodyOptions = {}): Promise<ProsodyServer> {
  const binary = options.prosodyBinary ?? 'prosody';
  const ctl = options.prosodyctlBinary ?? 'prosodyctl';
  const hosts: readonly ProsodyHost[] = options.hosts ?? [{ domain: 'example.test' }];
  const tls = options.tls ?? 'starttls';
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-prosody-'));
  const dataDir = join(dir, 'data');
  await mkdir(dataDir);
  const logFile = join(dir, 'prosody.log');
  const configFile = join(dir, 'prosody.cfg.lua');
  const [port, directTlsPort, certs] = await Promise.all([
    freePort(),
    tls !== 'none' && options.directTls !== false ? freePort() : Promise.resolve(undefined),
    tls === 'none'
      ? Promise.resolve(undefined)
      : makeCertificates(
          dir,
          hosts.map((h) => h.domain),
        ),
  ]);
  const config = renderConfig(options, hosts, {
    dataDir,
    pidFile: join(dir, 'prosody.pid'),
    logFile,
    port,
    directTlsPort,
    certFile: certs?.certFile,
    keyFile: certs?.keyFile,
  });
  await writeFile(configFile, config);

  const registerUser = async (
    domain: string,
    username: string,
    password: string,
  ): Promise<void> => {
    const result = await runCommand(ctl, [
      '--config',
      configFile,
      'register',
      username,
      domain,
      password,
    ]).catch((cause: unknown) => {
      throw missing(ctl, cause);
    });
    if (result.code !== 0) {
      throw new SwitchboardError(
        'SB_PROSODY_FAILED',
        `prosodyctl could not register ${username}@${domain}.`,
        {
          details: { log: `${result.stdout}${result.stderr}`.slice(-2000) },
        },
      );
    }
  };
  try {
    await Promise.all(
      hosts.flatMap((h) =>
        (h.users ?? []).map((u) => registerUser(h.domain, u.username, u.password)),
      ),
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    const proc = spawn(binary, ['--config', configFile, '-F'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const spawnError = await new Promise<Error | undefined>((resolve) => {
      proc.once('spawn', () => resolve(undefined));
      proc.once('error', resolve);
    });
    if (spawnError !== undefined) throw missing(binary, spawnError);
    child = proc;
    running.add(proc);
    proc.once('exit', () => running.delete(proc));
    installExitHook();
    const up = await waitForPort(
      '127.0.0.1',
      port,
      options.startTimeoutMs ?? 10_000,
      () => proc.exitCode !== null,
    );
    if (!up) {
      proc.kill('SIGKILL');
      await exited(proc);
      throw new SwitchboardError(
        'SB_PROSODY_FAILED',
        `Prosody did not open port ${port}; see details.log.`,
        {
          details: { log: `${stderr}\n${await tail(logFile)}`.trim(), config: configFile },
        },
      );
    }
  };

  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const proc = child;
    if (proc === undefined) return;
    child = undefined;
    proc.kill(signal);
    await exited(proc);
  };

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    const proc = child;
    if (proc !== undefined) {
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await kill('SIGTERM');
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await launch();
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    host: '127.0.0.1',
    port,
    directTlsPort,
    domains: hosts.map((h) => h.domain),
    ca: certs?.caPem ?? '',
    dir,
    logFile,
    registerUser,
    log: () => readFile(logFile, 'utf8').catch(() => ''),
    kill,
    restart: async () => {
      await kill('SIGKILL');
      await launch();
    },
    stop,
  };
}
