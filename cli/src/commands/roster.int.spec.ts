import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Switchboard } from '@switchboard/core';
import { jabberModule } from '@switchboard/profile-jabber';
import { JabberPeer, type ProsodyServer, startProsody } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { runCli, tempDir, writeConfig } from './cli.testkit';

const DOMAIN = 'example.test';

describe('switchboard roster', () => {
  let server: ProsodyServer;
  let dir: string;
  let config: string;

  beforeAll(async () => {
    [server, dir] = await Promise.all([
      startProsody({
        hosts: [
          {
            domain: DOMAIN,
            users: ['alice', 'dave'].map((u) => ({ username: u, password: `${u}-pw` })),
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
          tls: { caFile: join(dir, 'ca.pem') },
        },
      },
    });
    // The roster the command should print, written with the library.
    const alice = Switchboard.create({ modules: [xmppModule, jabberModule] }).createAccount({
      profile: 'jabber',
      address: `alice@${DOMAIN}`,
      credential: { kind: 'password', password: 'alice-pw' },
      server: { host: server.host, port: server.port },
      tls: { ca: server.ca },
    });
    await alice.connect();
    await alice.addContact({ address: `bob@${DOMAIN}`, name: 'Bob', groups: ['Friends', 'Work'] });
    await alice.addContact({ address: `carol@${DOMAIN}` });
    await alice.disconnect();
  });
  afterAll(async () => {
    await server?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('when run, prints the contacts as a table', async () => {
    const { code, stdout } = await runCli(['roster', 'alice', '--config', config], {
      env: { ALICE_PASSWORD: 'alice-pw' },
    });
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'CONTACT             NAME  SUBSCRIPTION  GROUPS',
      `bob@${DOMAIN}    Bob   none          Friends, Work`,
      `carol@${DOMAIN}        none`,
      '',
    ]);
  });

  it('when --json, prints the roster items', async () => {
    const { code, stdout } = await runCli(['roster', 'alice', '--json', '--config', config], {
      env: { ALICE_PASSWORD: 'alice-pw' },
    });
    expect(code).toBe(0);
    const items = JSON.parse(stdout) as Array<{ address: string; groups: string[] }>;
    const sorted = items
      .map((item) => ({ ...item, groups: [...item.groups].sort() }))
      .sort((a, b) => a.address.localeCompare(b.address));
    expect(sorted).toEqual([
      { address: `bob@${DOMAIN}`, name: 'Bob', subscription: 'none', groups: ['Friends', 'Work'] },
      { address: `carol@${DOMAIN}`, subscription: 'none', groups: [] },
    ]);
  });

  it('when the password is wrong, exits 4 and prints no roster', async () => {
    const { code, stdout, stderr } = await runCli(['roster', 'alice', '--config', config], {
      env: { ALICE_PASSWORD: 'not-the-password' },
    });
    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toContain('hint: The server refused the credential of account "alice"');
    expect(stderr).not.toContain('not-the-password');
  });

  describe('add and remove', () => {
    const env = { ALICE_PASSWORD: 'alice-pw' };
    const roster = async (): Promise<Array<Record<string, unknown>>> => {
      const { code, stdout } = await runCli(['roster', 'alice', '--json', '--config', config], {
        env,
      });
      expect(code).toBe(0);
      return JSON.parse(stdout) as Array<Record<string, unknown>>;
    };

    it('when a contact is added, it is in the roster with its name and groups, and was asked', async () => {
      const dave = await JabberPeer.connect({
        host: server.host,
        port: server.port,
        domain: DOMAIN,
        username: 'dave',
        password: 'dave-pw',
        ca: server.ca,
      });
      try {
        const added = await runCli(
          ['roster', 'add', 'alice', `dave@${DOMAIN}`, '--name', 'Dave', '--group', 'Pals'],
          { env: { ...env, SWITCHBOARD_CONFIG: config } },
        );
        expect(added).toMatchObject({ code: 0, stdout: '' });
        expect(added.stderr).toContain(
          `Added dave@${DOMAIN} to the roster of alice and asked to see their presence.`,
        );
        const asked = await dave.waitFor(
          (s) => s.name === 'presence' && s.attrs.type === 'subscribe',
          'the subscription request',
        );
        expect(asked.attrs.from).toBe(`alice@${DOMAIN}`);
      } finally {
        await dave.close();
      }
      expect(await roster()).toContainEqual({
        address: `dave@${DOMAIN}`,
        name: 'Dave',
        subscription: 'none',
        groups: ['Pals'],
        pending: true,
      });

      const removed = await runCli(['roster', 'remove', 'alice', `dave@${DOMAIN}`], {
        env: { ...env, SWITCHBOARD_CONFIG: config },
      });
      expect(removed).toMatchObject({ code: 0, stdout: '' });
      expect(removed.stderr).toContain(`Removed dave@${DOMAIN} from the roster of alice.`);
      expect((await roster()).map((item) => item.address)).not.toContain(`dave@${DOMAIN}`);
    });

    it('when the address is not valid, exits 2 and says so', async () => {
      const { code, stderr } = await runCli(
        ['--config', config, 'roster', 'add', 'alice', 'not an address'],
        { env },
      );
      expect(code).toBe(2);
      expect(stderr).toMatch(/^error: .*address/m);
    });
  });
});
