import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, tempDir, writeConfig } from './cli.testkit';

/** What the commands that connect say about config problems, before anything is connected. */
describe('switchboard with a bad config', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when the config file is missing, exits 2 and says how to add an account', async () => {
    const missing = join(dir, 'none.json');
    const { code, stderr } = await runCli(['roster', 'alice', '--config', missing]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: There is no config file at ${missing}.`);
    expect(stderr).toContain('hint: Add an account with "switchboard account add');
  });

  it('when the account is not in the file, exits 2 and lists the accounts', async () => {
    const config = await writeConfig(dir, {
      accounts: { alice: { profile: 'jabber', address: 'alice@example.org' } },
    });
    const { code, stderr } = await runCli([
      'send',
      'bob',
      'x@example.org',
      'hi',
      '--config',
      config,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: There is no account "bob" in ${config}.`);
    expect(stderr).toContain('Accounts: alice.');
  });

  it('when the account names an unknown profile, exits 2 and lists the installed ones', async () => {
    const config = await writeConfig(
      dir,
      { accounts: { alice: { profile: 'icq', address: '123456@icq.com', passwordEnv: 'P' } } },
      'icq.json',
    );
    const { code, stderr } = await runCli(
      ['send', 'alice', 'x@example.org', 'hi', '--config', config],
      {
        env: { P: 'secret' },
      },
    );
    expect(code).toBe(2);
    expect(stderr).toContain('error: Unknown profile "icq".');
    expect(stderr).toMatch(
      /jabber\s+Jabber \/ XMPP\n\s+messenger\s+Windows Live Messenger\n\s+facebook\s+Facebook Chat\n\s+gtalk\s+Google Talk/,
    );
    expect(stderr).not.toContain('    at ');
  });

  it('when an entry is invalid, exits 2 naming every bad field and never a stack', async () => {
    const config = await writeConfig(
      dir,
      {
        accounts: {
          alice: {
            profile: 'jabber',
            address: 'alice@example.org',
            server: { port: 'five' },
            credential: { kind: 'password', password: 'do-not-echo' },
            passwrodEnv: 'TYPO',
          },
        },
      },
      'invalid.json',
    );
    const { code, stderr } = await runCli(['roster', 'alice', '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: ${config}: account "alice" is invalid:`);
    expect(stderr).toContain('accounts.alice.credential: secrets do not belong in the config file');
    expect(stderr).toContain('accounts.alice.server.port: expected number');
    expect(stderr).toContain('accounts.alice.passwrodEnv: is not a known field');
    expect(stderr).not.toContain('do-not-echo');
    expect(stderr).not.toContain('    at ');
  });

  it('when the file is not JSON, exits 2 naming the line and column', async () => {
    const config = join(dir, 'broken.json');
    await writeFile(config, '{\n  "accounts": {\n    "alice": { "profile": "jabber", }\n  }\n}\n');
    const { code, stderr } = await runCli(['roster', 'alice', '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `error: ${config}: not valid JSON at line 3, column 37 (Expected double-quoted property name).`,
    );
  });

  it('when no password is available and stdin is no terminal, exits 4 naming the variable', async () => {
    const config = await writeConfig(
      dir,
      {
        accounts: {
          alice: { profile: 'jabber', address: 'alice@example.org', passwordEnv: 'ALICE_PASSWORD' },
        },
      },
      'nopassword.json',
    );
    const { code, stderr } = await runCli([
      'send',
      'alice',
      'bob@example.org',
      'hi',
      '--config',
      config,
    ]);
    expect(code).toBe(4);
    expect(stderr).toContain('error: No password for account "alice" (alice@example.org).');
    expect(stderr).toContain('hint: Set ALICE_PASSWORD');
  });

  it('when an OAuth2 account never signed in, exits 4 and says to run login', async () => {
    const config = await writeConfig(
      dir,
      { accounts: { mark: { profile: 'messenger', address: 'mark@messenger.test' } } },
      'nologin.json',
    );
    const { code, stderr } = await runCli(['roster', 'mark', '--config', config]);
    expect(code).toBe(4);
    expect(stderr).toContain('error: Account "mark" has not signed in yet.');
    expect(stderr).toContain('hint: Sign in once with: switchboard login mark');
  });

  it('when login is asked for a password account, exits 2 explaining why', async () => {
    const config = await writeConfig(
      dir,
      { accounts: { alice: { profile: 'jabber', address: 'alice@example.org' } } },
      'loginjabber.json',
    );
    const { code, stderr } = await runCli(['login', 'alice', '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toContain('does not sign in with OAuth2');
  });

  it('when login has no OAuth2 client for the profile, exits 2 showing the entry to add', async () => {
    const config = await writeConfig(
      dir,
      { accounts: { mark: { profile: 'messenger', address: 'mark@messenger.test' } } },
      'noclient.json',
    );
    const { code, stderr } = await runCli(['login', 'mark', '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: ${config} has no OAuth2 client for profile messenger.`);
    expect(stderr).toContain('"oauth2": { "messenger": { "clientId": "<client id>" } }');
  });

  it('when an OAuth2 endpoint is not https, exits 2 naming it', async () => {
    const config = await writeConfig(
      dir,
      {
        accounts: { mark: { profile: 'messenger', address: 'mark@messenger.test' } },
        oauth2: { messenger: { clientId: 'app', tokenEndpoint: 'http://example.com/token' } },
      },
      'insecure.json',
    );
    const { code, stderr } = await runCli(['login', 'mark', '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .*tokenEndpoint/m);
  });
});
