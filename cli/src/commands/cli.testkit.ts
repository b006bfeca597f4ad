/**
 * Runs the built `switchboard` command as a user would (`node cli/dist/bin.js …`), for the
 * command specs. Needs `pnpm build` first (CI runs it before the tests).
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built command. */
export const CLI_BIN = resolve(__dirname, '../../dist/bin.js');

/** How long to wait for a build under way (tsup empties dist/ first) before giving up. */
const BUILD_GRACE_MS = 15_000;

function built(): boolean {
  return existsSync(CLI_BIN) && statSync(CLI_BIN).size > 0;
}

/**
 * Resolves once the command is built; waits a little for a build that is running, then fails
 * with what to do (instead of a confusing spawn failure).
 */
export async function requireBuiltCli(): Promise<void> {
  const deadline = Date.now() + BUILD_GRACE_MS;
  while (!built()) {
    if (Date.now() > deadline) {
      throw new Error(
        `${CLI_BIN} is missing: build the command first with "pnpm build" (or "pnpm --filter @switchboard/cli... build").`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What a finished run printed and how it exited. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options for one run. */
export interface CliRunOptions {
  /** Added to a clean environment (PATH, and HOME set to a temporary folder). */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to stdin, then stdin is closed (default: closed at once). */
  readonly input?: string;
  readonly timeoutMs?: number;
}

let home: string | undefined;

/** A HOME of the tests' own, so no run reads or writes the user's real config. */
async function testHome(): Promise<string> {
  home ??= await mkdtemp(join(tmpdir(), 'switchboard-cli-home-'));
  return home;
}

afterAll(async () => {
  if (home !== undefined) await rm(home, { recursive: true, force: true });
  home = undefined;
});

/** A running command, for interactive tests (chat, login). */
export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly #exited: Promise<CliResult>;

  private constructor(child: ChildProcessWithoutNullStreams) {
    this.child = child;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.#exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  /** Starts `switchboard <args>` with a clean environment plus `options.env`. */
  static async start(args: readonly string[], options: CliRunOptions = {}): Promise<CliProcess> {
    await requireBuiltCli();
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: await testHome(),
      NO_COLOR: '1',
      ...options.env,
    };
    return new CliProcess(spawn(process.execPath, [CLI_BIN, ...args], { env }));
  }

  /** Writes a line to stdin. */
  type(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** Resolves with stdout once `match` finds something in it; rejects after `timeoutMs`. */
  async waitForStdout(match: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.stdout.match(match);
      if (found !== null) return found;
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(
          `stdout never matched ${match}.\n--- stdout ---\n${this.stdout}\n--- stderr ---\n${this.stderr}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Resolves when the process has exited (killing it after `timeoutMs`). */
  async exited(timeoutMs = 15_000): Promise<CliResult> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.#exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Runs `switchboard <args>` to the end. */
export async function runCli(
  args: readonly string[],
  options: CliRunOptions = {},
): Promise<CliResult> {
  const cli = await CliProcess.start(args, options);
  cli.child.stdin.end(options.input ?? '');
  return cli.exited(options.timeoutMs);
}

/** A temporary folder for one spec's config files; remove it in `afterAll`. */
export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'switchboard-cli-'));
}

/** Writes a config file (JSON) and returns its path. */
export async function writeConfig(
  dir: string,
  config: unknown,
  name = 'accounts.json',
): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
