import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, tempDir } from './cli.testkit';

describe('switchboard account', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('add', () => {
    it('when the entry is valid, writes it without secrets to the --config file (0600)', async () => {
      const config = join(dir, 'add', 'accounts.json');
      await writeFile(
        join(dir, 'ca.pem'),
        '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      );
      const { code, stderr } = await runCli(
        [
          'account',
          'add',
          'alice',
          '--profile',
          'jabber',
          '--address',
          'alice@example.org',
          '--host',
          '127.0.0.1',
          '--port',
          '5223',
          '--ca',
          join(dir, 'ca.pem'),
          '--password-env',
          'ALICE_PASSWORD',
          '--config',
          config,
        ],
        { env: { ALICE_PASSWORD: 'never-written' } },
      );
      expect(code).toBe(0);
      expect(stderr).toContain(
        `Added account "alice" (Jabber / XMPP, alice@example.org) to ${config}.`,
      );
      expect(stderr).toContain('It takes the password from $ALICE_PASSWORD.');
      const text = await readFile(config, 'utf8');
      expect(JSON.parse(text)).toEqual({
        accounts: {
          alice: {
            profile: 'jabber',
            address: 'alice@example.org',
            server: { host: '127.0.0.1', port: 5223 },
            tls: { caFile: join(dir, 'ca.pem') },
            passwordEnv: 'ALICE_PASSWORD',
          },
        },
      });
      expect(text).not.toContain('never-written');
      expect((await stat(config)).mode & 0o777).toBe(0o600);

      const list = await runCli(['account', 'list', '--config', config]);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(
        /^alice\s+jabber\s+alice@example\.org\s+127\.0\.0\.1:5223\s+\$ALICE_PASSWORD$/m,
      );
    });

    it('when no --config is given, uses $XDG_CONFIG_HOME/switchboard/accounts.json, else ~/.config', async () => {
      const xdg = join(dir, 'xdg');
      const args = ['account', 'add', 'bob', '--profile', 'jabber', '--address', 'bob@example.org'];
      expect((await runCli(args, { env: { XDG_CONFIG_HOME: xdg } })).code).toBe(0);
      expect(JSON.parse(await readFile(join(xdg, 'switchboard', 'accounts.json'), 'utf8'))).toEqual(
        {
          accounts: { bob: { profile: 'jabber', address: 'bob@example.org' } },
        },
      );
      const home = join(dir, 'home');
      expect((await runCli(args, { env: { HOME: home } })).code).toBe(0);
      await expect(
        stat(join(home, '.config', 'switchboard', 'accounts.json')),
      ).resolves.toBeTruthy();
    });

    it('when the profile is unknown, exits 2 and lists the installed profiles', async () => {
      const config = join(dir, 'unknown-profile.json');
      const { code, stderr } = await runCli([
        'account',
        'add',
        'x',
        '--profile',
        'icq',
        '--address',
        'x@example.org',
        '--config',
        config,
      ]);
      expect(code).toBe(2);
      expect(stderr).toContain('error: Unknown profile "icq".');
      for (const id of ['jabber', 'messenger', 'facebook', 'gtalk'])
        expect(stderr).toContain(`    ${id} `);
      expect(stderr).toContain('hint: ');
      await expect(stat(config)).rejects.toThrow();
    });

    it.each([
      { address: 'not a jid', label: 'spaces and no domain' },
      { address: '@sb.test', label: 'an empty localpart' },
      { address: `alice@sb.test/${'r'.repeat(3000)}`, label: 'a 3,000-character resource' },
    ])(
      'when the address has $label, exits 2 naming the field and writes nothing',
      async ({ address }) => {
        const config = join(dir, `bad-address-${address.length}.json`);
        const args = ['account', 'add', 'eve', '--profile', 'jabber', '--address', address];
        const { code, stderr } = await runCli([...args, '--config', config]);
        expect(code).toBe(2);
        expect(stderr).toMatch(/error: The address ".*" is not a valid XMPP address/);
        await expect(stat(config)).rejects.toThrow();
      },
    );

    it('when the name is taken, exits 2 unless --force', async () => {
      const config = join(dir, 'taken.json');
      const args = [
        'account',
        'add',
        'carol',
        '--profile',
        'jabber',
        '--address',
        'carol@example.org',
        '--config',
        config,
      ];
      expect((await runCli(args)).code).toBe(0);
      const again = await runCli(args);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('already has an account "carol"');
      expect(again.stderr).toContain('--force');
      expect((await runCli([...args, '--force', '--resource', 'cli'])).code).toBe(0);
      expect(JSON.parse(await readFile(config, 'utf8')).accounts.carol.resource).toBe('cli');
    });

    it('when an OAuth2 profile has no client in the file, says what to add and how to sign in', async () => {
      const config = join(dir, 'oauth.json');
      const { code, stderr } = await runCli([
        'account',
        'add',
        'mark',
        '--profile',
        'messenger',
        '--address',
        'mark@messenger.test',
        '--config',
        config,
      ]);
      expect(code).toBe(0);
      expect(stderr).toContain('"oauth2": { "messenger": { "clientId": "<client id>" } }');
      expect(stderr).toContain('Sign in once with: switchboard login mark');
    });

    it('when the credential kind does not fit the profile, exits 2', async () => {
      const { code, stderr } = await runCli([
        'account',
        'add',
        'm',
        '--profile',
        'messenger',
        '--address',
        'm@x.test',
        '--password-env',
        'M_PASSWORD',
        '--config',
        join(dir, 'kind.json'),
      ]);
      expect(code).toBe(2);
      expect(stderr).toContain('but profile messenger takes: oauth2');
    });
  });

  describe('remove', () => {
    it('when the account exists, removes it and its stored tokens', async () => {
      const config = join(dir, 'remove', 'accounts.json');
      const add = [
        'account',
        'add',
        'mark',
        '--profile',
        'messenger',
        '--address',
        'mark@x.test',
        '--config',
        config,
      ];
      expect((await runCli(add)).code).toBe(0);
      const tokens = join(dir, 'remove', 'tokens.json');
      await writeFile(
        tokens,
        JSON.stringify({
          mark: { accessToken: 'a', tokenType: 'bearer' },
          'mark#login': { accessToken: 'f', tokenType: 'fast', extra: { userAgentId: 'u' } },
          other: { accessToken: 'b', tokenType: 'bearer' },
        }),
      );
      const { code, stderr } = await runCli(['account', 'remove', 'mark', '--config', config]);
      expect(code).toBe(0);
      expect(stderr).toContain('Removed account "mark" and its tokens');
      expect(JSON.parse(await readFile(config, 'utf8')).accounts).toEqual({});
      expect(Object.keys(JSON.parse(await readFile(tokens, 'utf8')))).toEqual(['other']);
    });
  });

  describe('global options', () => {
    it.each([
      ['before the command', (config: string) => ['--config', config, 'account', 'list', '--json']],
      [
        'between command and subcommand',
        (config: string) => ['account', '--config', config, 'list', '--json'],
      ],
      ['after the command', (config: string) => ['account', 'list', '--json', '--config', config]],
    ])('when --config comes %s, the command uses that file', async (_where, args) => {
      const config = join(dir, 'global', 'accounts.json');
      const added = await runCli([
        '--config',
        config,
        'account',
        'add',
        'gina',
        '--profile',
        'jabber',
        '--address',
        'gina@example.org',
        '--force',
      ]);
      expect(added.code).toBe(0);
      const { code, stdout } = await runCli(args(config));
      expect(code).toBe(0);
      expect(Object.keys(JSON.parse(stdout))).toEqual(['gina']);
    });

    it('when a command shows its help, it lists the global options and where they go', async () => {
      const { code, stdout } = await runCli(['roster', 'add', '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/Global Options:\n(.*\n)*\s+--debug\s/);
      expect(stdout).toContain('--config <file>');
      expect(stdout).toContain(
        'Global options (--config, --debug) go before or after the command.',
      );
    });
  });
});
