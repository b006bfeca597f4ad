import { CredentialService } from '../credentials/CredentialService';
import { MemoryTokenStore } from '../credentials/MemoryTokenStore';
import { SwitchboardError } from '../errors/SwitchboardError';
import type { TokenRefresher } from '../oauth/TokenRefresher';
import type { TokenSet } from '../oauth/TokenSet';
import type { ProfileDescriptor } from '../plugins/ProfileDescriptor';
import type { ProfilePlugin, ProtocolSession, SessionRequest } from '../plugins/ProtocolPlugin';
import { Account } from './Account';
import type { StateChange } from './AccountEvents';

const profile = {
  id: 'tok',
  name: 'Token Chat',
  mechanisms: [],
  capabilities: {},
} as unknown as ProfileDescriptor;

/** Accepts only the access tokens in `valid`; records which ones were tried. */
class TokenServer implements ProfilePlugin {
  readonly profile = profile;
  readonly tried: string[] = [];
  constructor(readonly valid: Set<string>) {}
  async open({ credential, sink }: SessionRequest): Promise<ProtocolSession> {
    sink.authenticating();
    const token = credential.kind === 'oauth2' ? credential.accessToken : '';
    this.tried.push(token);
    if (!this.valid.has(token)) {
      throw new SwitchboardError('SB_SASL_FAILURE', 'refused', {
        details: { condition: 'not-authorized' },
      });
    }
    return { address: 'me@tok/1', close: async () => undefined } as unknown as ProtocolSession;
  }
}

class Refresher implements TokenRefresher {
  calls = 0;
  constructor(readonly next: () => TokenSet | SwitchboardError) {}
  async refresh(): Promise<TokenSet> {
    this.calls++;
    const result = this.next();
    if (result instanceof SwitchboardError) throw result;
    return result;
  }
}

function account(server: TokenServer, refresher: TokenRefresher | undefined) {
  const credentials = new CredentialService(new MemoryTokenStore());
  const a = new Account(
    {
      profile: 'tok',
      address: 'me@tok',
      credential: {
        kind: 'oauth2',
        accessToken: 'early-revoked',
        refreshToken: 'r1',
        expiresAt: Date.now() + 3_600_000,
      },
    },
    server,
    refresher === undefined ? { credentials } : { credentials, refresher },
  );
  const states: string[] = [];
  a.on('state', (c: StateChange) => states.push(c.to));
  return { a, states, credentials };
}

describe('Account token recovery', () => {
  it('when the server rejects a token early, refreshes once, retries once and goes online', async () => {
    const server = new TokenServer(new Set(['fresh']));
    const refresher = new Refresher(() => ({
      accessToken: 'fresh',
      tokenType: 'bearer',
      refreshToken: 'r1',
    }));
    const { a, states } = account(server, refresher);
    await a.connect();
    expect(server.tried).toEqual(['early-revoked', 'fresh']);
    expect(refresher.calls).toBe(1);
    expect(states).toEqual([
      'connecting',
      'authenticating',
      'connecting',
      'authenticating',
      'online',
    ]);
  });

  it('when the grant is revoked, goes to reauth-required with reason revoked, without a retry loop', async () => {
    const server = new TokenServer(new Set());
    const refresher = new Refresher(() => new SwitchboardError('SB_OAUTH_GRANT_REVOKED'));
    const { a, states } = account(server, refresher);
    const reasons: string[] = [];
    a.on('reauthRequired', (reason) => reasons.push(reason));
    await expect(a.connect()).rejects.toMatchObject({
      code: 'SB_REAUTH_REQUIRED',
      details: { reason: 'revoked' },
    });
    expect(a.state).toBe('reauth-required');
    expect(reasons).toEqual(['revoked']);
    expect(server.tried).toEqual(['early-revoked']);
    expect(refresher.calls).toBe(1);
    expect(states.at(-1)).toBe('reauth-required');
  });

  it('when even the refreshed token is refused, goes to reauth-required with reason rejected after one retry', async () => {
    const server = new TokenServer(new Set());
    const refresher = new Refresher(() => ({ accessToken: 'also-bad', tokenType: 'bearer' }));
    const { a } = account(server, refresher);
    await expect(a.connect()).rejects.toMatchObject({ details: { reason: 'rejected' } });
    expect(server.tried).toEqual(['early-revoked', 'also-bad']);
    expect(refresher.calls).toBe(1);
  });

  it('when there is no OAuth2 client, a refused token requires reauthorization at once', async () => {
    const server = new TokenServer(new Set());
    const { a } = account(server, undefined);
    await expect(a.connect()).rejects.toMatchObject({
      code: 'SB_REAUTH_REQUIRED',
      details: { reason: 'rejected' },
    });
    expect(server.tried).toEqual(['early-revoked']);
  });

  it('when new tokens are stored after reauth-required, the next connect uses them', async () => {
    const server = new TokenServer(new Set(['granted-again']));
    const refresher = new Refresher(() => new SwitchboardError('SB_OAUTH_GRANT_REVOKED'));
    const { a, credentials } = account(server, refresher);
    await a.connect().catch(() => undefined);
    await credentials.save(a.id, { accessToken: 'granted-again', tokenType: 'bearer' });
    await a.connect();
    expect(a.state).toBe('online');
  });
});
