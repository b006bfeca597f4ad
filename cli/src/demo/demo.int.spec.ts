/**
 * `switchboard demo` as a user runs it: the built command (`node cli/dist/bin.js demo`) with
 * stdout on a pipe (not a TTY, so plain lines), against the real Prosody it starts itself.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_JABBER_PASSWORD } from './cast';
import { DEMO_BRIDGE_PASSWORD, DEMO_IRIS_PASSWORD } from './ircCast';

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'cli/dist/bin.js');

/** Builds the command (and what it depends on) when dist/ is missing; CI builds before testing. */
function ensureBuilt(): void {
  if (!existsSync(BIN)) {
    try {
      execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@switchboard/cli...'], {
        cwd: ROOT,
        stdio: 'pipe',
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
      });
    } catch (error) {
      throw new Error(
        `${BIN} is missing and building it failed: run "pnpm build" and look at its output.\n${String(error)}`,
      );
    }
  }
  if (!readFileSync(BIN, 'utf8').includes('command("demo")')) {
    throw new Error(`${BIN} has no demo command: it is an old build; run "pnpm build" again.`);
  }
}

interface DemoRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the demo; with `interrupt`, sends `interrupt.signal` once stdout matches
 * `interrupt.when`; `env` is added to the environment. Kills it after 25 s.
 */
function runDemo(
  options: {
    interrupt?: { when: RegExp; signal: NodeJS.Signals };
    env?: Readonly<Record<string, string>>;
  } = {},
): Promise<DemoRun> {
  const { interrupt } = options;
  const child = spawn(process.execPath, [BIN, 'demo'], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let signalled = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (interrupt !== undefined && !signalled && interrupt.when.test(stdout)) {
      signalled = true;
      child.kill(interrupt.signal);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  return new Promise((resolvePromise) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/** The pid of the Prosody the demo started, from its transcript. */
function prosodyPid(stdout: string): number {
  const found = /Prosody \(pid (\d+)\)/.exec(stdout)?.[1];
  if (found === undefined) throw new Error(`The demo printed no Prosody pid:\n${stdout}`);
  return Number(found);
}

/** True while a process with this pid exists (zombies included: they were not reaped). */
function exists(pid: number): boolean {
  return existsSync(`/proc/${pid}`);
}

/** Things that look like the demo's secrets: its password, OAuth2 and provider tokens. */
function secretsIn(text: string): string[] {
  const patterns = [
    new RegExp(DEMO_JABBER_PASSWORD),
    new RegExp(DEMO_IRIS_PASSWORD),
    new RegExp(DEMO_BRIDGE_PASSWORD),
    /EwAw/, // every Live-format access token the OAuth2 server issues starts with it
    /ya29\./, // the Google Talk token's prefix
    /EAAB[A-Za-z0-9_-]/, // the Facebook token's prefix
    /[A-Za-z0-9+/=_-]{40,}/, // refresh tokens, codes, PKCE verifiers: long base64 runs
  ];
  return patterns.flatMap((p) => text.match(p) ?? []);
}

describe('switchboard demo', () => {
  beforeAll(ensureBuilt, 300_000);

  describe('when it runs to the end', () => {
    let run: DemoRun;
    beforeAll(async () => {
      run = await runDemo();
    }, 30_000);

    it('exits with 0 and prints nothing on stderr', () => {
      expect(run.stderr).toBe('');
      expect(run).toMatchObject({ code: 0, signal: null });
    });

    it('signs in every profile and names its SASL mechanism', () => {
      expect(run.stdout).toMatch(/Jabber +jack@jabber\.test +online, SASL SCRAM-SHA-256/);
      expect(run.stdout).toMatch(
        /Messenger +mark@messenger\.test +online, SASL X-MESSENGER-OAUTH2/,
      );
      expect(run.stdout).toMatch(
        /Facebook +fiona@facebook\.test +online, SASL X-FACEBOOK-PLATFORM/,
      );
      expect(run.stdout).toMatch(/Google Talk +greg@gmail\.test +online, SASL X-OAUTH2/);
      expect(run.stdout).toContain('Messenger authorized with OAuth2 code + PKCE');
    });

    it('signs in on IRC with SCRAM-SHA-256 and shows the selection trace', () => {
      expect(run.stdout).toMatch(/ergo \(IRC\) on 127\.0\.0\.1:\d+ \(TLS\)/);
      expect(run.stdout).toMatch(
        /IRC +iris@127\.0\.0\.1 +online, SASL SCRAM-SHA-256 \(the account allows only SCRAM-SHA-256\)\n +selection: (.*; )?SCRAM-SHA-256: selected/,
      );
      expect(run.stdout).toMatch(/selection: .*PLAIN: skipped \(not-allowed\)/);
      expect(run.stdout).toMatch(/IRC bridge +relay@127\.0\.0\.1 +online, SASL SCRAM-SHA-256/);
      expect(run.stdout).toMatch(/Jabber bridge relay@jabber\.test +online, SASL SCRAM-SHA-256/);
    });

    it('relays between Jabber and IRC through the bridge, typing first, both ways', () => {
      expect(run.stdout).toMatch(
        /Jabber → IRC +typing… then "Hi Iris, Jack here on Jabber\. Pass it on!" delivered in \d+ ms/,
      );
      expect(run.stdout).toMatch(
        /IRC → Jabber +typing… then "Hi Jack, Iris here on IRC\. Got it!" delivered in \d+ ms, acknowledged by echo-message/,
      );
    });

    it('shows presence both ways between neighbours, subscribed where rosters can change', () => {
      expect(run.stdout.match(/each sees the other available/g)).toHaveLength(4);
      expect(run.stdout).toMatch(/Google Talk ⇄ Jabber +subscribed both ways/);
      expect(run.stdout).toMatch(/Jabber ⇄ Messenger +directed presence/);
    });

    it('relays a message around the ring, each shown typing first and delivered', () => {
      for (const [from, to, body] of [
        ['Jabber', 'Messenger', 'Hi Mark, Jack here on Jabber. Pass it on!'],
        ['Messenger', 'Facebook', 'Hi Fiona, Mark here on Messenger. Pass it on!'],
        ['Facebook', 'Google Talk', 'Hi Greg, Fiona here on Facebook. Pass it on!'],
        ['Google Talk', 'Jabber', 'Hi Jack, Greg here on Google Talk. Pass it on!'],
      ]) {
        expect(run.stdout).toMatch(
          new RegExp(`${from} → ${to} +typing… then "${body}" delivered in \\d+ ms`),
        );
      }
    });

    it('shows the capability refusal as a friendly line with the hint', () => {
      expect(run.stdout).toContain(
        '✗ Windows Live Messenger does not support roster.write; nothing was sent.',
      );
      expect(run.stdout).toContain(
        "SB_CAPABILITY_UNSUPPORTED: The profile's provider does not support this operation",
      );
    });

    it('bridges a Jabber room and an IRC channel with delivery states, and catches Jack up from the archive', () => {
      expect(run.stdout).toMatch(
        /Jabber room lounge@conference\.jabber\.test: (relay, jack|jack, relay)/,
      );
      expect(run.stdout).toMatch(/IRC channel #lounge: (iris, relay|relay, iris)/);
      expect(run.stdout).toMatch(
        /room → channel +"Hello #lounge, Jack from the Jabber room!" ✓✓ delivered, on IRC in \d+ ms/,
      );
      expect(run.stdout).toMatch(
        /channel → room +"Hi Jack, Iris on IRC here\." ✓✓ delivered, on Jabber in \d+ ms/,
      );
      expect(run.stdout).toMatch(
        /Jack is back after \d+ ms: caught up on 2 messages from the room's archive, none twice/,
      );
    });

    it('refreshes the expired token once, reconnects and sends one more message', () => {
      expect(run.stdout).toContain('it used 1 refresh_token grant and logged in again');
      expect(run.stdout).toMatch(/Messenger reconnected after 1 attempt in \d+ ms/);
      expect(run.stdout).toMatch(
        /Messenger → Facebook: "Still here after a token refresh, Fiona!" delivered/,
      );
    });

    it('ends with the summary table and the refusal and refresh lines', () => {
      expect(run.stdout).toMatch(
        /^Messenger +mark@messenger\.test +X-MESSENGER-OAUTH2 +2 +1 +sees 2 of 2 +1 sent, 1 seen$/m,
      );
      expect(run.stdout).toMatch(
        /^Jabber +jack@jabber\.test +SCRAM-SHA-256-PLUS +3 +5 +sees 2 of 2 +2 sent, 2 seen$/m,
      );
      expect(run.stdout).toMatch(
        /^IRC +iris@127\.0\.0\.1 +SCRAM-SHA-256 +4 +2 .* +1 sent, 1 seen$/m,
      );
      expect(run.stdout).toMatch(/^IRC bridge +relay@127\.0\.0\.1 +SCRAM-SHA-256 +2 +4 /m);
      expect(run.stdout).toMatch(/^Jabber bridge +relay@jabber\.test +SCRAM-SHA-256-PLUS +4 +2 /m);
      expect(run.stdout).toMatch(/^Facebook +fiona@facebook\.test +X-FACEBOOK-PLATFORM +1 +2 /m);
      expect(run.stdout).toMatch(/^Google Talk +greg@gmail\.test +X-OAUTH2 +1 +1 /m);
      expect(run.stdout).toMatch(/^refusal +Messenger: add contact → SB_CAPABILITY_UNSUPPORTED/m);
      expect(run.stdout).toMatch(
        /^refresh +Messenger: access token expired → 1 refresh_token grant/m,
      );
    });

    it('stops everything it started: Prosody and ergo are gone', () => {
      expect(run.stdout).toContain('stopped: ergo (IRC)');
      const pid = prosodyPid(run.stdout);
      expect(run.stdout).toContain(`stopped: Prosody (pid ${pid})`);
      expect(exists(pid)).toBe(false);
    });

    it('prints no password or token', () => {
      expect(secretsIn(run.stdout + run.stderr)).toEqual([]);
    });
  });

  it.each([
    ['SIGINT', 'while Prosody starts up', 130, /Prosody \(pid \d+\)/],
    ['SIGINT', 'while the accounts sign in', 130, /\[2\/9\]/],
    ['SIGTERM', 'while the accounts sign in', 143, /\[2\/9\]/],
  ] as const)(
    'when it gets %s %s, stops everything and exits with %d',
    async (signal, _when, code, when) => {
      const run = await runDemo({ interrupt: { when, signal } });
      const pid = prosodyPid(run.stdout);
      expect(run.stdout).toContain(`Interrupted (${signal}): stopping everything the demo started`);
      expect(run.stdout).toContain(`stopped: Prosody (pid ${pid})`);
      expect(run).toMatchObject({ code, signal: null });
      expect(exists(pid)).toBe(false);
      expect(run.stdout).not.toContain('Demo complete');
      expect(secretsIn(run.stdout + run.stderr)).toEqual([]);
    },
  );

  it('when Prosody is not installed, exits with 1 and names the command to install it', async () => {
    const emptyPath = await mkdtemp(join(tmpdir(), 'switchboard-demo-path-'));
    try {
      const run = await runDemo({ env: { PATH: emptyPath } });
      expect(run).toMatchObject({ code: 1, signal: null });
      expect(run.stderr).toContain('error: Prosody is not installed');
      expect(run.stderr).toContain('apt-get install -y prosody');
      expect(run.stderr).toContain('hint: ./scripts/demo.sh installs it');
    } finally {
      await rm(emptyPath, { recursive: true, force: true });
    }
  });

  it('when ergo is not installed, stops Prosody, exits with 1 and names the package', async () => {
    // Everything on PATH but ergochat, as symbolic links.
    const path = await mkdtemp(join(tmpdir(), 'switchboard-demo-path-'));
    try {
      const linked = new Set(['ergochat']);
      for (const dir of (process.env.PATH ?? '').split(':').filter((d) => existsSync(d))) {
        for (const name of readdirSync(dir)) {
          if (linked.has(name)) continue;
          linked.add(name);
          symlinkSync(join(dir, name), join(path, name));
        }
      }
      const run = await runDemo({ env: { PATH: path } });
      expect(run).toMatchObject({ code: 1, signal: null });
      expect(run.stderr).toContain('error: ergo is not installed');
      expect(run.stderr).toContain('apt-get install -y ergochat');
      expect(run.stderr).toContain('hint: ./scripts/demo.sh installs it');
      expect(exists(prosodyPid(run.stdout))).toBe(false);
    } finally {
      await rm(path, { recursive: true, force: true });
    }
  });
});
