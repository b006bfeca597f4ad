import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JabberPeer, type ProsodyServer, startProsody } from '@switchboard/testing';
import { CliProcess, tempDir, writeConfig } from './cli.testkit';

const DOMAIN = 'example.test';

describe('switchboard chat', () => {
  let server: ProsodyServer;
  let dir: string;
  let config: string;
  const peers: JabberPeer[] = [];
  const running: CliProcess[] = [];

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
    bob.sendMessage(`alice@${DOMAIN}`, 'ping');
    await cli.waitForStdout(/^\(now talking to bob@example\.test\)$/m);
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
