import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { CLI_BIN, requireBuiltCli, tempDir, writeConfig } from './cli.testkit';

const DOMAIN = 'example.test';

/**
 * Runs `switchboard <args>` with `closed` (stdout or stderr) a pipe whose reader is gone before
 * the command writes a byte, as `| head -1` leaves it once it has its line.
 */
async function runClosed(
  args: readonly string[],
  closed: 'stdout' | 'stderr',
  env: Record<string, string> = {},
): Promise<{ code: number | null; other: string }> {
  await requireBuiltCli();
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', ...env },
  });
  child[closed].destroy();
  child.stdin.end();
  let other = '';
  const open = closed === 'stdout' ? child.stderr : child.stdout;
  open.setEncoding('utf8').on('data', (chunk: string) => {
    other += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, other };
}

describe('switchboard with its output piped into a reader that stops early', () => {
  let server: ProsodyServer;
  let dir: string;
  let config: string;

  beforeAll(async () => {
    [server, dir] = await Promise.all([
      startProsody({
        hosts: [{ domain: DOMAIN, users: [{ username: 'alice', password: 'alice-pw' }] }],
      }),
      tempDir(),
    ]);
    await writeFile(join(dir, 'ca.pem'), server.ca);
    config = await writeConfig(dir, {
      accounts: {
        alice: {
          profile: 'jabber',
          address: `alice@${DOMAIN}`,
          passwordEnv: 'ALICE_PASSWORD',
          server: { host: server.host, port: server.port },
          tls: { caFile: 'ca.pem' },
        },
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [['--help']],
    [['help', 'roster']],
    [['roster', '--help']],
    [['profiles']],
    [['profiles', '--json']],
    [['account', 'list']],
    [['account', 'list', '--json']],
    [['roster', 'alice']],
    [['roster', 'alice', '--json']],
    [['chat', 'alice']],
  ])('when stdout closes, %j ends quietly with 0', async (args) => {
    const { code, other } = await runClosed([...args, '--config', config], 'stdout', {
      ALICE_PASSWORD: 'alice-pw',
    });
    expect(other).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  });

  it.each([
    [['account', 'add', 'bob', '--profile', 'jabber', '--address', `bob@${DOMAIN}`]],
    [['roster', 'nobody']],
  ])('when stderr closes, %j ends quietly with its exit code', async (args) => {
    const { code, other } = await runClosed([...args, '--config', config], 'stderr');
    expect(other).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(args[1] === 'nobody' ? 2 : 0);
  });
});
