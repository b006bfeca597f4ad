import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JabberPeer, type ProsodyServer, startProsody } from '@switchboard/testing';
import { CliProcess, runCli, tempDir, writeConfig } from './cli.testkit';

const DOMAIN = 'example.test';
const MUC = 'http://jabber.org/protocol/muc';

describe('switchboard chat in rooms, switchboard history', () => {
  let server: ProsodyServer;
  let dir: string;
  let config: string;
  let room: string;
  const peers: JabberPeer[] = [];
  const running: CliProcess[] = [];
  const env = { ALICE_PASSWORD: 'alice-pw' };

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
  const groupchat =
    (text: string) =>
    (s: {
      name: string;
      attrs: Record<string, string>;
      children: readonly { name: string; text: string }[];
    }) =>
      s.name === 'message' &&
      s.attrs.type === 'groupchat' &&
      s.children.some((c) => c.name === 'body' && c.text === text);

  beforeAll(async () => {
    [server, dir] = await Promise.all([
      startProsody({
        rooms: true,
        archive: true,
        hosts: [
          {
            domain: DOMAIN,
            users: ['alice', 'bob'].map((u) => ({ username: u, password: `${u}-pw` })),
          },
        ],
      }),
      tempDir(),
    ]);
    room = `lounge@${server.roomsDomain}`;
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

  it('/join enters a room with its recent history; lines go to the room; /who and /part work', async () => {
    const bob = await peer('bob');
    bob.sendRaw(`<presence to='${room}/bob'><x xmlns='${MUC}'/></presence>`);
    await bob.waitFor((s) => s.name === 'presence' && s.attrs.from === `${room}/bob`, 'bob in');
    // bob created the room: it stays locked until he accepts the default configuration.
    bob.sendRaw(
      `<iq type='set' id='cfg1' to='${room}'><query xmlns='${MUC}#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>`,
    );
    await bob.waitFor((s) => s.name === 'iq' && s.attrs.id === 'cfg1', 'the configuration');
    bob.sendRaw(
      `<message to='${room}' type='groupchat'><body>said before alice came</body></message>`,
    );
    await bob.waitFor(groupchat('said before alice came'), 'the reflection');

    const cli = await CliProcess.start(['chat', 'alice', '--config', config], { env });
    running.push(cli);
    await cli.waitForStdout(/^Connected as alice@example\.test\/\S+\./m);
    cli.type(`/join ${room} Al`);
    await cli.waitForStdout(new RegExp(`^\\* You are in ${room} as Al, 2 occupants: `, 'm'));
    await cli.waitForStdout(
      /^-- 1 earlier message --\n.*<bob> said before alice came\n-- now --$/m,
    );

    cli.type('hello room');
    const got = await bob.waitFor(groupchat('hello room'), 'the line in the room');
    expect(got.attrs.from).toBe(`${room}/Al`);
    await cli.waitForStdout(/^ {2}✓✓ delivered to .*"hello room"$/m);

    bob.sendRaw(`<message to='${room}' type='groupchat'><body>welcome, Al</body></message>`);
    await cli.waitForStdout(new RegExp(`^\\[\\d\\d:\\d\\d\\] ${room} <bob> welcome, Al$`, 'm'));

    cli.type('/who');
    await cli.waitForStdout(new RegExp(`^In ${room} as Al:\\n {2}.*Al \\(you\\)`, 'm'));
    cli.type('/part');
    await cli.waitForStdout(new RegExp(`^\\* You left ${room}$`, 'm'));
    await bob.waitFor(
      (s) =>
        s.name === 'presence' && s.attrs.from === `${room}/Al` && s.attrs.type === 'unavailable',
      'Al leaving',
    );
    cli.type('/quit');
    expect((await cli.exited()).code).toBe(0);
  });

  it('history prints the archive of a conversation with ids, and how to page back', async () => {
    const bob = await peer('bob');
    for (const body of ['one', 'two', 'three'])
      bob.sendMessage(`alice@${DOMAIN}`, `history ${body}`);
    // The server archives the messages as it stores them for offline alice.
    await new Promise((r) => setTimeout(r, 300));
    const first = await runCli(
      ['history', 'alice', `bob@${DOMAIN}`, '--limit', '2', '--config', config],
      { env },
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      expect.stringMatching(
        /^\[\d{4}-\d\d-\d\d \d\d:\d\d\] bob@example\.test: history two {2}\(\S+\)$/,
      ),
      expect.stringMatching(
        /^\[\d{4}-\d\d-\d\d \d\d:\d\d\] bob@example\.test: history three {2}\(\S+\)$/,
      ),
    ]);
    const older =
      /^Older: switchboard history alice "bob@example\.test" --limit 2 --before (\S+)$/m.exec(
        first.stdout,
      );
    expect(older).not.toBeNull();
    const next = await runCli(
      [
        'history',
        'alice',
        `bob@${DOMAIN}`,
        '--limit',
        '2',
        '--before',
        older?.[1] ?? '',
        '--config',
        config,
      ],
      { env },
    );
    expect(next.stdout).toMatch(/bob@example\.test: history one {2}\(\S+\)$/m);
    expect(next.stdout).not.toMatch(/history two/);
  });
});
