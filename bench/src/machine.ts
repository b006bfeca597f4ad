import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, release, totalmem } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What the numbers were measured on. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly kernel: string;
  readonly node: string;
  readonly prosody: string;
  /** The open-files limit the benchmark and Prosody run with. */
  readonly fdLimit: number;
}

async function quiet(command: string, args: readonly string[]): Promise<string> {
  try {
    return (await run(command, args)).stdout.trim();
  } catch {
    return 'unknown';
  }
}

async function osName(): Promise<string> {
  const text = await readFile('/etc/os-release', 'utf8').catch(() => '');
  return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1] ?? process.platform;
}

/** Descriptors the benchmark process needs besides one per account. */
export const FD_HEADROOM = 256;

/** The open-files limit this process hands to its children (`ulimit -n`). */
export async function fdLimit(): Promise<number> {
  const value = await quiet('sh', ['-c', 'ulimit -n']);
  return value === 'unlimited' ? Number.POSITIVE_INFINITY : Number(value) || 0;
}

/** The installed version of the Debian package `name`, or `unknown`. */
export function debianVersion(name: string): Promise<string> {
  // dpkg-query's own format syntax, not a template string.
  return quiet('dpkg-query', ['-W', `-f=\${Version}`, name]);
}

export async function describeMachine(): Promise<Machine> {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: await osName(),
    kernel: release(),
    node: process.version,
    prosody: await debianVersion('prosody'),
    fdLimit: await fdLimit(),
  };
}
