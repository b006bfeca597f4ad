import { inspect } from 'node:util';
import { ContainerModule } from 'inversify';
import type { Credential } from '../credentials/Credential';
import { CredentialService } from '../credentials/CredentialService';
import { MemoryTokenStore } from '../credentials/MemoryTokenStore';
import { ProfilePluginToken } from '../di/tokens';
import { SwitchboardError } from '../errors/SwitchboardError';
import { FORWARDED_EVENTS } from '../host/AccountManagerEvents';
import type { TokenRefresher } from '../oauth/TokenRefresher';
import type { ProtocolSession, SessionRequest } from '../plugins/ProtocolPlugin';
import { Switchboard } from '../Switchboard';
import { Account } from './Account';
import { FakePlugin, fakeConfig } from './fakePlugin.testkit';

const PASSWORD = 'pw-NEVER-SHOWN-4417';
const ACCESS = 'access-NEVER-SHOWN-1';
const REFRESH = 'refresh-NEVER-SHOWN-1';
const STORED = 'stored-access-NEVER-SHOWN';
const CLIENT_SECRET = 'client-secret-NEVER-SHOWN';
const FRESH = ['fresh-access-NEVER-SHOWN-2', 'fresh-access-NEVER-SHOWN-3'];
const ALL = [PASSWORD, ACCESS, REFRESH, STORED, CLIENT_SECRET, ...FRESH, 'NEVER-SHOWN'];

const DEEP = { depth: Number.POSITIVE_INFINITY, showHidden: false };

/** Every way a host might print or serialize what it was handed. */
function shown(...values: unknown[]): string {
  return values
    .flatMap((value) => [inspect(value), inspect(value, DEEP), safeJson(value)])
    .join('\n');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch (error) {
    return String(error);
  }
}

/** An error chain as a host sees it: each error, its stack, its details. */
function chain(error: unknown): string {
  const parts: string[] = [];
  for (let e = error; e !== undefined; e = (e as Error).cause) {
    parts.push(shown(e), (e as Error).stack ?? '', safeJson((e as SwitchboardError).details));
  }
  return parts.join('\n');
}

function expectNoSecret(text: string): void {
  for (const secret of ALL) expect(text).not.toContain(secret);
}

/** What a server that echoes the credential it got makes of it (verbatim and base64). */
function echoed(code: 'SB_SASL_FAILURE' | 'SB_STREAM_ERROR', credential: Credential) {
  const secret = credential.kind === 'password' ? credential.password : '';
  const token = credential.kind === 'oauth2' ? credential.accessToken : secret;
  const payload = Buffer.from(`\0me\0${token}`).toString('base64');
  const condition = code === 'SB_SASL_FAILURE' ? 'not-authorized' : 'policy-violation';
  const server = Object.assign(new Error(`${condition} - ${token}`), {
    element: { name: 'failure', children: [{ name: 'text', children: [payload] }] },
  });
  return new SwitchboardError(code, `The server said: ${condition} (${token}).`, {
    details: { condition, text: `you sent ${payload}`, mechanism: 'PLAIN' },
    cause: server,
  });
}

/** Refuses logins while `refusing`, echoing the credential it got. */
class EchoingPlugin extends FakePlugin {
  refusing = false;
  override async open(request: SessionRequest): Promise<ProtocolSession> {
    if (!this.refusing) return super.open(request);
    request.sink.authenticating();
    throw echoed('SB_SASL_FAILURE', request.credential);
  }
}

function setup(plugin = new EchoingPlugin('ok')) {
  const switchboard = Switchboard.create({
    modules: [
      new ContainerModule(({ bind }) => {
        bind(ProfilePluginToken).toConstantValue(plugin);
      }),
    ],
    oauth2: {
      fake: {
        clientId: 'app',
        clientSecret: CLIENT_SECRET,
        authorizationEndpoint: 'https://auth.example/authorize',
        tokenEndpoint: 'https://auth.example/token',
      },
    },
  });
  const events: unknown[][] = [];
  for (const event of [...FORWARDED_EVENTS, 'added', 'removed'] as const) {
    switchboard.accounts.on(event, (...args: unknown[]) => events.push([event, ...args]));
  }
  return { switchboard, plugin, events };
}

const passwordConfig = {
  ...fakeConfig,
  id: 'pw',
  credential: { kind: 'password', password: PASSWORD },
  liveness: false,
} as const;

const oauth2Config = {
  ...fakeConfig,
  id: 'oauth',
  credential: { kind: 'oauth2', accessToken: ACCESS, refreshToken: REFRESH, expiresAt: 1 },
  liveness: false,
} as const;

describe(`${Account.name} (secrets)`, () => {
  describe('printing and serializing', () => {
    it('when the account, its config, the switchboard or the manager is printed, shows no secret', async () => {
      const { switchboard, plugin, events } = setup();
      const account = switchboard.accounts.add(passwordConfig);
      const other = switchboard.accounts.add(oauth2Config);
      await switchboard.credentials.save('stored', {
        accessToken: STORED,
        refreshToken: REFRESH,
        tokenType: 'bearer',
      });
      await account.connect();

      expectNoSecret(
        shown(account, other, account.config, other.config, switchboard, switchboard.accounts),
      );
      expectNoSecret(shown(switchboard.accounts.list(), switchboard.container, events));
      expect(events.map(([event]) => event)).toContain('online');
      expect(inspect(account.config)).toContain("password: '[redacted]'");
      const summary = { id: 'pw', profile: 'fake', address: 'me@fake', state: 'online' };
      expect(JSON.parse(JSON.stringify(account))).toEqual(summary);
      expect(JSON.parse(JSON.stringify(switchboard))).toEqual({
        profiles: ['fake'],
        accounts: { accounts: [summary, { ...summary, id: 'oauth', state: 'offline' }] },
      });
      expect(JSON.parse(JSON.stringify(switchboard.credentials))).toEqual({
        store: 'MemoryTokenStore',
      });
      // The code that needs the secret still reads it; the host's own object is untouched.
      expect(plugin.opens[0]?.request.credential).toMatchObject({ password: PASSWORD });
      expect(account.config.credential).toMatchObject({ kind: 'password', password: PASSWORD });
      expect(JSON.stringify(passwordConfig)).toContain(PASSWORD);
    });
  });

  describe('errors the server echoes the secret in', () => {
    it('when the login is refused, neither the rejection nor an event nor the account holds the secret', async () => {
      const { switchboard, plugin, events } = setup();
      plugin.refusing = true;
      const account = switchboard.accounts.add(passwordConfig);

      const error = await account.connect().catch((e: unknown) => e);

      expect(error).toMatchObject({
        code: 'SB_SASL_FAILURE',
        message: 'The server said: not-authorized ([redacted]).',
        details: { condition: 'not-authorized', mechanism: 'PLAIN' },
      });
      expect(account.state).toBe('failed');
      expectNoSecret(chain(error));
      expectNoSecret(shown(events, account));
      expect(events.some(([event]) => event === 'state')).toBe(true);
    });

    it('when the server closes the stream echoing it and the reconnect is refused echoing it, no event holds it', async () => {
      const { switchboard, plugin, events } = setup();
      const account = switchboard.accounts.add({
        ...passwordConfig,
        reconnect: { initialDelayMs: 1, jitter: 0 },
      });
      await account.connect();
      plugin.refusing = true;
      const failed = new Promise((resolve) => account.once('error', resolve));

      plugin.sink?.closed(echoed('SB_STREAM_ERROR', passwordConfig.credential));
      await new Promise((resolve) =>
        account.on('state', ({ to }) => to === 'failed' && resolve(to)),
      );
      await failed;

      const names = events.map(([event]) => event);
      expect(names).toEqual(expect.arrayContaining(['state', 'error', 'reconnecting']));
      expect(account.state).toBe('failed');
      expectNoSecret(shown(events, account));
      for (const [, , payload] of events) expectNoSecret(chain(payload));
    });

    it('when a request fails with an error that echoes it, the rejection does not hold it', async () => {
      const { switchboard, plugin } = setup();
      const account = switchboard.accounts.add(passwordConfig);
      await account.connect();
      plugin.failWith = echoed('SB_SASL_FAILURE', passwordConfig.credential);

      const presence = await account.sendPresence().catch((e: unknown) => e);
      const message = await account.sendMessage({ to: 'bob@fake', body: 'hi' }).catch((e) => e);

      for (const error of [presence, message]) {
        expect(error).toMatchObject({ code: 'SB_SASL_FAILURE' });
        expectNoSecret(chain(error));
      }
    });

    it('when refreshed tokens are refused and echoed, the reauthRequired event and the rejection hold none of them', async () => {
      const plugin = new EchoingPlugin('ok');
      plugin.refusing = true;
      let issued = 0;
      const refresher: TokenRefresher = {
        refresh: async () => ({
          accessToken: FRESH[issued++] ?? 'none',
          refreshToken: REFRESH,
          tokenType: 'bearer',
          expiresAt: Date.now() + 3_600_000,
        }),
      };
      const credentials = new CredentialService(new MemoryTokenStore());
      const account = new Account(oauth2Config, plugin, { credentials, refresher });
      const events: unknown[][] = [];
      for (const event of FORWARDED_EVENTS) {
        account.on(event, (...args: unknown[]) => events.push([event, ...args]));
      }

      const error = await account.connect().catch((e: unknown) => e);

      expect(issued).toBe(2);
      expect(error).toMatchObject({ code: 'SB_REAUTH_REQUIRED', details: { reason: 'rejected' } });
      expect(events.map(([event]) => event)).toContain('reauthRequired');
      expectNoSecret(chain(error));
      expectNoSecret(shown(events, account));
      for (const [, , payload] of events) expectNoSecret(chain(payload));
    });
  });
});
