import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Account, type InboundMessage, Switchboard } from '@switchboard/core';
import { type ErgoServer, startErgo } from '@switchboard/testing';
import { ircModules } from '../modules/ircModules';
import { CliProcess, runCli, tempDir } from './cli.testkit';

const ALICE = { ALICE_PASSWORD: 'alice-secret-1' };

describe('switchboard with an IRC account (ergo)', () => {
  let server: ErgoServer;
  let dir: string;
  let config: string;
  let bob: Account;

  function messageTo(account: Account, body: string): Promise<InboundMessage> {
    return new Promise((resolve) => {
      const listener = (message: InboundMessage): void => {
        if (message.body !== body) return;
        account.off('message', listener);
        resolve(message);
      };
      account.on('message', listener);
    });
  }

  beforeAll(async () => {
    [server, dir] = await Promise.all([
      startErgo({
        history: true,
        accounts: [
          { name: 'alice', password: 'alice-secret-1' },
          { name: 'bob', password: 'bob-secret-2' },
        ],
      }),
      tempDir(),
    ]);
    await writeFile(join(dir, 'ca.pem'), server.ca);
    config = join(dir, 'accounts.json');
    bob = Switchboard.create({ modules: ircModules }).createAccount({
      profile: 'irc',
      address: `bob@${server.host}`,
      credential: { kind: 'password', password: 'bob-secret-2' },
      server: { port: server.tlsPort, tls: 'direct' },
      tls: { ca: server.ca },
      parameters: { flood: 'off' },
      reconnect: false,
    });
    await bob.connect();
  });
  afterAll(async () => {
    await bob?.disconnect();
    await server?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('when an IRC account is added, it is checked, written and listed with profile irc', async () => {
    const added = await runCli([
      'account',
      'add',
      'alice',
      '--profile',
      'irc',
      '--address',
      `alice@${server.host}`,
      '--port',
      String(server.tlsPort),
      '--tls',
      'direct',
      '--ca',
      join(dir, 'ca.pem'),
      '--password-env',
      'ALICE_PASSWORD',
      '--param',
      'flood=off',
      '--config',
      config,
    ]);
    expect({ code: added.code, stderr: added.stderr }).toMatchObject({ code: 0 });
    expect(added.stderr).toContain(`Added account "alice" (IRC, alice@${server.host})`);
    expect(added.stderr).toContain('Try: switchboard ping alice');
    const listed = await runCli(['account', 'list', '--json', '--config', config]);
    expect(listed.code).toBe(0);
    expect(JSON.stringify(JSON.parse(listed.stdout))).toContain(`"address":"alice@${server.host}"`);
    expect(listed.stdout).toContain('"profile": "irc"');
  });

  it('when an IRC address has no server part, account add refuses it with exit 2', async () => {
    const { code, stderr } = await runCli(
      ['account', 'add', 'x', '--profile', 'irc', '--address', 'alice', '--config', config],
      { env: ALICE },
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .*address/m);
  });

  it('when sending, the message reaches the nick and the command exits 0', async () => {
    const received = messageTo(bob, 'Lunch at noon?');
    const { code, stderr } = await runCli(
      ['send', 'alice', 'bob', 'Lunch', 'at', 'noon?', '--config', config],
      { env: ALICE },
    );
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(stderr).toContain('Sent to bob.');
    expect(await received).toMatchObject({ from: 'alice', type: 'chat' });
  });

  it('when sending to a nick nobody holds, the bounce fails the command with exit 1', async () => {
    const { code, stderr } = await runCli(
      ['send', 'alice', 'nobody', 'hello?', '--config', config],
      {
        env: ALICE,
      },
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: .*nobody/im);
  });

  it('when pinging, prints the round trip to the server', async () => {
    const { code, stdout } = await runCli(['ping', 'alice', '--config', config], { env: ALICE });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^pong from 127\.0\.0\.1 in \d+ ms\n$/);
  });

  it.each([
    ['ping to an address', ['ping', 'alice', 'bob']],
    ['roster', ['roster', 'alice']],
    ['roster add', ['roster', 'add', 'alice', 'bob']],
  ])('when asked for %s, which IRC cannot do, exits 5 (unsupported)', async (_what, args) => {
    const { code, stderr, stdout } = await runCli([...args, '--config', config], { env: ALICE });
    expect({ code, stdout }).toEqual({ code: 5, stdout: '' });
    expect(stderr).toMatch(/^error: /m);
    expect(stderr).toMatch(/^hint: .*"switchboard profiles" shows what each profile supports\.$/m);
  });

  it('when chatting, shows the SASL choice, typing and messages both ways; /quit exits 0', async () => {
    const cli = await CliProcess.start(['chat', 'alice', 'bob', '--debug', '--config', config], {
      env: ALICE,
    });
    try {
      await cli.waitForStdout(/^Connected as alice@127\.0\.0\.1\./m);
      expect(cli.stderr).toMatch(/\[debug\] SASL mechanism SCRAM-SHA-256 \(/);
      expect(cli.stderr).not.toContain('alice-secret-1');

      const got = messageTo(bob, 'hello bob');
      cli.type('hello bob');
      expect(await got).toMatchObject({ from: 'alice' });

      await bob.sendChatState('alice', 'composing');
      await cli.waitForStdout(/^… bob is typing$/m);
      await bob.sendMessage({ to: 'alice', body: 'hi alice' });
      await cli.waitForStdout(/^\[\d\d:\d\d\] bob: hi alice$/m);

      cli.type('/quit');
      const { code, stdout } = await cli.exited();
      expect(code).toBe(0);
      expect(stdout).toMatch(/Disconnected\.\n$/);
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  it('when chatting in a channel, /join shows who is there and its history; lines go both ways', async () => {
    await bob.joinRoom('#lounge');
    await bob.sendMessage({ to: '#lounge', type: 'groupchat', body: 'before alice came' });
    const cli = await CliProcess.start(['chat', 'alice', '--config', config], { env: ALICE });
    try {
      await cli.waitForStdout(/^Connected as alice@127\.0\.0\.1\./m);
      cli.type('/join #lounge');
      await cli.waitForStdout(/^\* You are in #lounge as alice, 2 occupants: /m);
      await cli.waitForStdout(
        /^-- 1 earlier message --\n.*#lounge <bob> before alice came\n-- now --$/m,
      );

      const got = messageTo(bob, 'hello channel');
      cli.type('hello channel');
      expect(await got).toMatchObject({ from: '#lounge', nick: 'alice', type: 'groupchat' });
      await cli.waitForStdout(/^ {2}✓✓ delivered to #lounge: "hello channel"$/m);
      await bob.sendMessage({ to: '#lounge', type: 'groupchat', body: 'welcome' });
      await cli.waitForStdout(/^\[\d\d:\d\d\] #lounge <bob> welcome$/m);
      cli.type('/part');
      await cli.waitForStdout(/^\* You left #lounge$/m);
      cli.type('/quit');
      expect((await cli.exited()).code).toBe(0);
    } finally {
      cli.child.kill('SIGKILL');
      await bob.leaveRoom('#lounge');
    }
  });
});
