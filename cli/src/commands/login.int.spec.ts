import { chmod, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  JabberPeer,
  type OAuthServer,
  type ProsodyServer,
  startOAuthServer,
  startProsody,
  TokenTable,
  withProviders,
} from '@switchboard/testing';
import { CliProcess, type CliResult, runCli, tempDir, writeConfig } from './cli.testkit';

const MESSENGER = 'messenger.test';
const JABBER = 'jabber.test';
const CLIENT_ID = 'switchboard-cli-test';
const AUTHORIZE_URL = /^http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+$/m;

describe('switchboard login', () => {
  let tokens: TokenTable;
  let server: ProsodyServer;
  let oauth: OAuthServer;
  let dir: string;
  let config: string;
  let tokenFile: string;

  beforeAll(async () => {
    [tokens, dir] = await Promise.all([TokenTable.create(), tempDir()]);
    [server, oauth] = await Promise.all([
      startProsody(
        withProviders(
          { hosts: [{ domain: JABBER, users: [{ username: 'jack', password: 'jack-pw' }] }] },
          { tokenFile: tokens.file, messenger: { domain: MESSENGER } },
        ),
      ),
      startOAuthServer({ tokens, user: 'mark', host: MESSENGER, clientId: CLIENT_ID }),
    ]);
    await writeFile(join(dir, 'ca.pem'), server.ca);
    config = await writeConfig(dir, {
      accounts: {
        mark: {
          profile: 'messenger',
          address: `mark@${MESSENGER}`,
          server: { host: server.host, port: server.port },
          tls: { caFile: 'ca.pem' },
        },
      },
      oauth2: {
        messenger: {
          clientId: CLIENT_ID,
          authorizationEndpoint: oauth.authorizationEndpoint,
          tokenEndpoint: oauth.tokenEndpoint,
        },
      },
    });
    tokenFile = join(dir, 'tokens.json');
  });
  afterAll(async () => {
    await oauth?.stop();
    await server?.stop();
    await tokens?.remove();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  /** Every token the OAuth2 server handed out, and its URI-encoded form. */
  function secrets(): string[] {
    const { accessTokens, refreshTokens } = oauth.issued();
    return [...accessTokens, ...refreshTokens].flatMap((t) => [t, encodeURIComponent(t)]);
  }

  function expectNoSecret(result: Pick<CliResult, 'stdout' | 'stderr'>): void {
    for (const secret of secrets()) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
  }

  async function stored(): Promise<{
    accessToken: string;
    refreshToken?: string;
    expiresAt?: number;
  }> {
    return JSON.parse(await readFile(tokenFile, 'utf8')).mark;
  }

  /** Runs `login mark`; the "browser" fetches the printed address and follows the redirect. */
  async function signIn(): Promise<CliResult> {
    const cli = await CliProcess.start(['login', 'mark', '--config', config]);
    const [url = ''] = await cli.waitForStdout(AUTHORIZE_URL);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    return cli.exited();
  }

  it('when the browser comes back, saves the tokens in a 0600 file and prints none of them', async () => {
    const result = await signIn();
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'Open this address in a browser to sign mark@messenger.test in:',
    );
    expect(result.stderr).toContain(
      `Signed in. Tokens of "mark" saved to ${tokenFile} (readable by you only).`,
    );
    const { accessTokens, refreshTokens } = oauth.issued();
    expect(await stored()).toMatchObject({
      accessToken: accessTokens.at(-1),
      refreshToken: refreshTokens.at(-1),
    });
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    expectNoSecret(result);
  });

  it('when signed in, the other commands log in with the stored tokens', async () => {
    await signIn();
    const jack = await JabberPeer.connect({
      host: server.host,
      port: server.port,
      domain: JABBER,
      username: 'jack',
      password: 'jack-pw',
      ca: server.ca,
    });
    try {
      const sent = await runCli([
        'send',
        'mark',
        `jack@${JABBER}`,
        'from messenger',
        '--config',
        config,
      ]);
      expect(sent.code).toBe(0);
      await jack.waitFor(
        (s) => s.children.some((c) => c.name === 'body' && c.text === 'from messenger'),
        'the message sent with the stored token',
      );
      const roster = await runCli(['roster', 'mark', '--json', '--config', config]);
      expect(roster.code).toBe(0);
      expect(JSON.parse(roster.stdout)).toEqual(expect.any(Array));
      expectNoSecret(sent);
      expectNoSecret(roster);
    } finally {
      await jack.close();
    }
  });

  it('when the profile does not allow an operation, exits 5 naming the capability', async () => {
    await signIn();
    const { code, stderr } = await runCli([
      'send',
      'mark',
      `jack@${JABBER}`,
      'x',
      '--type',
      'normal',
      '--config',
      config,
    ]);
    expect(code).toBe(5);
    expect(stderr).toContain(
      'error: Windows Live Messenger does not deliver normal messages (it supports chat); nothing was sent.',
    );
    expect(stderr).toContain('"switchboard profiles" shows what each profile supports');
  });

  it('when the access token expired, renews it with the refresh token and stores the new one', async () => {
    await signIn();
    const before = await stored();
    await oauth.expireAccessTokens();
    const { code } = await runCli(['roster', 'mark', '--config', config]);
    expect(code).toBe(0);
    const after = await stored();
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.accessToken).toBe(oauth.issued().accessTokens.at(-1));
  });

  it('when --open, starts $BROWSER with the address', async () => {
    const browser = join(dir, 'browser.mjs');
    await writeFile(browser, `#!${process.execPath}\nawait fetch(process.argv[2]);\n`);
    await chmod(browser, 0o755);
    const result = await runCli(['login', 'mark', '--open', '--config', config], {
      env: { BROWSER: browser },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(AUTHORIZE_URL);
    expect((await stored()).accessToken).toBe(oauth.issued().accessTokens.at(-1));
    expectNoSecret(result);
  });

  it('when the user denies access, exits 4 and says to sign in again', async () => {
    oauth.denyNextAuthorization('access_denied');
    const cli = await CliProcess.start(['login', 'mark', '--config', config]);
    const [url = ''] = await cli.waitForStdout(AUTHORIZE_URL);
    await fetch(url);
    const { code, stderr } = await cli.exited();
    expect(code).toBe(4);
    expect(stderr).toMatch(/^error: .*access_denied/m);
    expect(stderr).toContain(
      'hint: The sign-in did not complete; run switchboard login mark again',
    );
  });

  it('when the grant was revoked, exits 4 and says to run login', async () => {
    await signIn();
    await oauth.revokeGrant();
    const { code, stdout, stderr } = await runCli(['roster', 'mark', '--config', config]);
    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toContain('error: Account mark must be authorized again');
    expect(stderr).toContain('hint: Sign in again: switchboard login mark');
    expectNoSecret({ stdout, stderr });
  });

  describe('account token', () => {
    it('when tokens come on stdin, stores them through the token file and logs in with them', async () => {
      // Live access tokens are base64 text.
      const access = Buffer.from('handmade access 1').toString('base64');
      await tokens.issue({ token: access, user: 'mark', host: MESSENGER });
      const before = Date.now();
      const result = await runCli(['account', 'token', 'mark', '--expires-in', '3600'], {
        input: `${access}\nhandmade-refresh-1\n`,
        env: { SWITCHBOARD_CONFIG: config },
      });
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(
        `Stored the tokens of "mark" in ${tokenFile} (readable by you only).`,
      );
      expect(`${result.stdout}${result.stderr}`).not.toMatch(new RegExp(`${access}|handmade-`));
      const saved = await stored();
      expect(saved).toEqual({
        accessToken: access,
        refreshToken: 'handmade-refresh-1',
        tokenType: 'Bearer',
        expiresAt: expect.any(Number),
      });
      expect(saved.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
      expect(saved.expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
      expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);

      const roster = await runCli(['roster', 'mark', '--json', '--config', config]);
      expect(roster.stderr).toBe('');
      expect(roster.code).toBe(0);
      expect(JSON.parse(roster.stdout)).toEqual(expect.any(Array));
    });

    it('when --access-token-env names a variable, stores its token without a refresh token', async () => {
      const result = await runCli(
        ['account', 'token', 'mark', '--access-token-env', 'MARK_TOKEN', '--config', config],
        { env: { MARK_TOKEN: 'handmade-access-2' } },
      );
      expect(result.code).toBe(0);
      expect(await stored()).toEqual({ accessToken: 'handmade-access-2', tokenType: 'Bearer' });
      expect(result.stderr).toContain('No refresh token was granted');
    });

    it('when stdin is empty, exits 2 and says where the token goes', async () => {
      const result = await runCli(['account', 'token', 'mark', '--config', config]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('error: No access token: stdin was empty.');
      expect(result.stderr).toContain('--access-token-env');
    });
  });
});
