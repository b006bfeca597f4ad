import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Account, type SubscriptionUpdate, Switchboard } from '@switchboard/core';
import { jabberModule } from '@switchboard/profile-jabber';
import { JabberPeer, type ProsodyServer, startProsody } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { CliProcess, tempDir, writeConfig } from './cli.testkit';

const DOMAIN = 'example.test';

describe('switchboard chat', () => {
  let server: ProsodyServer;
  let dir: string;
  let config: string;
  const peers: JabberPeer[] = [];
  const running: CliProcess[] = [];
  const accounts: Account[] = [];

  const peer = async (username: string): Promise<JabberPeer> => {
    const connected = await JabberPeer.connect({
      host: server.host,
      port: server.port,
      domain: DOMAIN,
      username,
      password: `${username}-pw`,
      ca: server.ca,
    });
    peers.push(connected);
    return connected;
  };
  const chat = async (...args: string[]): Promise<CliProcess> => {
    const cli = await CliProcess.start(['chat', 'alice', ...args, '--config', config], {
      env: { ALICE_PASSWORD: 'alice-pw' },
    });
    running.push(cli);
    await cli.waitForStdout(/^Connected as alice@example\.test\/\S+\./m);
    return cli;
  };
  const bodyIs =
    (text: string) => (s: { name: string; children: readonly { name: string; text: string }[] }) =>
      s.name === 'message' && s.children.some((c) => c.name === 'body' && c.text === text);

  beforeAll(async () => {
    [server, dir] = await Promise.all([
      startProsody({
        hosts: [
          {
            domain: DOMAIN,
            users: ['alice', 'bob', 'carol'].map((u) => ({ username: u, password: `${u}-pw` })),
          },
        ],
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
  afterEach(async () => {
    for (const cli of running.splice(0)) cli.child.kill('SIGKILL');
    await Promise.all(peers.splice(0).map((p) => p.close()));
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
  });
  afterAll(async () => {
    await server?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('when lines are typed, they reach the contact; what the contact sends is printed; /quit exits 0', async () => {
    const bob = await peer('bob');
    const carol = await peer('carol');
    const cli = await chat(`bob@${DOMAIN}`);
    expect(cli.stdout).toContain(`Talking to bob@${DOMAIN}.`);

    cli.type('hello bob');
    const got = await bob.waitFor(bodyIs('hello bob'), 'the typed line');
    expect(got.attrs.from).toMatch(/^alice@example\.test\//);

    bob.sendChatState(`alice@${DOMAIN}`, 'composing');
    await cli.waitForStdout(/^… bob@example\.test is typing$/m);
    bob.sendMessage(`alice@${DOMAIN}`, 'hi alice, <b>&</b>');
    await cli.waitForStdout(/^\[\d\d:\d\d\] bob@example\.test: hi alice, <b>&<\/b>$/m);
    bob.sendPresence({ to: `alice@${DOMAIN}`, show: 'away', status: 'lunch' });
    await cli.waitForStdout(/^\* bob@example\.test is away \(lunch\)$/m);

    cli.type('/who');
    await cli.waitForStdout(
      /^Talking to bob@example\.test\.\n {2}bob@example\.test is away \(lunch\)$/m,
    );

    cli.type(`/to carol@${DOMAIN}`);
    await cli.waitForStdout(/^\(now talking to carol@example\.test\)$/m);
    cli.type('//slash for carol');
    await carol.waitFor(bodyIs('/slash for carol'), 'the line sent after /to');

    cli.type('/quit');
    const { code, stdout, stderr } = await cli.exited();
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/Disconnected\.\n$/);
    expect(bob.received.filter(bodyIs('/slash for carol'))).toEqual([]);
  });

  it('when no contact was given, the first one who writes becomes the contact', async () => {
    const bob = await peer('bob');
    const cli = await chat();
    expect(cli.stdout).toContain('Choose a contact with /to <address>.');
    cli.type('nobody to send this to');
    await cli.waitForStdout(/^No contact yet: choose one with \/to <address>\.$/m);
    // A typing notification stored and delivered late is not shown as live.
    bob.sendChatState(`alice@${DOMAIN}`, 'composing', new Date(Date.now() - 60_000));
    bob.sendMessage(`alice@${DOMAIN}`, 'ping');
    await cli.waitForStdout(/^\(now talking to bob@example\.test\)$/m);
    expect(cli.stdout).not.toContain('is typing');
    cli.type('pong');
    await bob.waitFor(bodyIs('pong'), 'the reply');
  });

  it.each([
    ['Ctrl-C (SIGINT)', (cli: CliProcess) => cli.child.kill('SIGINT')],
    ['the end of stdin', (cli: CliProcess) => cli.child.stdin.end()],
  ])('when it gets %s, disconnects cleanly and exits 0', async (_name, leave) => {
    const cli = await chat(`bob@${DOMAIN}`);
    leave(cli);
    const { code, stdout } = await cli.exited();
    expect(code).toBe(0);
    expect(stdout).toMatch(/Disconnected\.\n$/);
  });

  it('when contacts ask, /approve and /deny answer them; /add asks a contact', async () => {
    // Contacts with a client that asked for its roster: servers deliver subscription answers
    // only to such resources (RFC 6121 §3.1.6).
    const switchboard = Switchboard.create({ modules: [xmppModule, jabberModule] });
    const contact = async (username: string): Promise<Account> => {
      const account = switchboard.createAccount({
        profile: 'jabber',
        address: `${username}@${DOMAIN}`,
        credential: { kind: 'password', password: `${username}-pw` },
        server: { host: server.host, port: server.port },
        tls: { ca: server.ca },
      });
      accounts.push(account);
      await account.connect();
      await account.getRoster();
      return account;
    };
    const answer = (account: Account, type: SubscriptionUpdate['type']) =>
      new Promise<SubscriptionUpdate>((resolve) => {
        account.on('subscription', (update) => {
          if (update.type === type) resolve(update);
        });
      });
    const [bob, carol] = await Promise.all([contact('bob'), contact('carol')]);
    const cli = await chat();

    await bob.subscribe(`alice@${DOMAIN}`);
    await cli.waitForStdout(
      /^\* bob@example\.test asks to see your presence: \/approve bob@example\.test or \/deny bob@example\.test$/m,
    );
    const approved = answer(bob, 'subscribed');
    cli.type(`/approve bob@${DOMAIN}`);
    expect((await approved).from).toBe(`alice@${DOMAIN}`);
    await cli.waitForStdout(/^\(bob@example\.test can see your presence now\)$/m);

    await carol.subscribe(`alice@${DOMAIN}`);
    await cli.waitForStdout(/^\* carol@example\.test asks to see your presence/m);
    const refused = answer(carol, 'unsubscribed');
    cli.type(`/deny carol@${DOMAIN}`);
    expect((await refused).from).toBe(`alice@${DOMAIN}`);
    await cli.waitForStdout(/^\(refused the request of carol@example\.test\)$/m);

    const asked = answer(carol, 'subscribe');
    cli.type(`/add carol@${DOMAIN}`);
    expect((await asked).from).toBe(`alice@${DOMAIN}`);
    cli.type('/quit');
    const { code, stderr } = await cli.exited();
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect((await carol.getRoster()).find((i) => i.address === `alice@${DOMAIN}`)).toMatchObject({
      subscription: 'none',
    });
  });

  it('when the password is wrong, exits 4 before the chat starts', async () => {
    const cli = await CliProcess.start(['chat', 'alice', '--config', config], {
      env: { ALICE_PASSWORD: 'wrong' },
    });
    const { code, stdout, stderr } = await cli.exited();
    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: .*not-authorized/m);
  });
});
