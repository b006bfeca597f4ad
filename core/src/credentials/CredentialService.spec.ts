import { SwitchboardError } from '../errors/SwitchboardError';
import type { TokenRefresher } from '../oauth/TokenRefresher';
import type { TokenSet } from '../oauth/TokenSet';
import { CredentialService, type TokenChange } from './CredentialService';
import { MemoryTokenStore } from './MemoryTokenStore';

const NOW = 1_700_000_000_000;

class FakeRefresher implements TokenRefresher {
  calls = 0;
  result: TokenSet | SwitchboardError = {
    accessToken: 'new-access',
    tokenType: 'bearer',
    expiresAt: NOW + 3_600_000,
    refreshToken: 'refresh-2',
  };
  async refresh(refreshToken: string): Promise<TokenSet> {
    this.calls++;
    expect(refreshToken).toBe('refresh-1');
    await new Promise((r) => setTimeout(r, 5));
    if (this.result instanceof SwitchboardError) throw this.result;
    return this.result;
  }
}

function setup(expiresInMs: number, refreshToken: string | null = 'refresh-1') {
  const store = new MemoryTokenStore();
  const service = new CredentialService(store, { now: () => NOW, refreshMarginMs: 60_000 });
  const changes: TokenChange[] = [];
  service.on('tokens', (c) => changes.push(c));
  const configured = {
    kind: 'oauth2' as const,
    accessToken: 'old-access',
    expiresAt: NOW + expiresInMs,
    ...(refreshToken === null ? {} : { refreshToken }),
  };
  return { store, service, changes, configured, refresher: new FakeRefresher() };
}

describe(CredentialService, () => {
  describe('.credentialFor', () => {
    it('when the credential is not OAuth2, passes it through', async () => {
      const { service } = setup(0);
      const password = { kind: 'password' as const, password: 'pw' };
      await expect(service.credentialFor('a', password, undefined)).resolves.toBe(password);
    });

    it('when the token is fresh, uses it without refreshing and seeds the store', async () => {
      const { service, store, refresher, configured, changes } = setup(3_600_000);
      await expect(service.credentialFor('a', configured, refresher)).resolves.toMatchObject({
        accessToken: 'old-access',
      });
      expect(refresher.calls).toBe(0);
      expect((await store.get('a'))?.accessToken).toBe('old-access');
      expect(changes).toEqual([{ accountId: 'a', reason: 'stored', expiresAt: NOW + 3_600_000 }]);
    });

    it('when the token expires within the margin, refreshes first and stores the new tokens', async () => {
      const { service, store, refresher, configured, changes } = setup(30_000);
      await expect(service.credentialFor('a', configured, refresher)).resolves.toMatchObject({
        accessToken: 'new-access',
      });
      expect(refresher.calls).toBe(1);
      expect(await store.get('a')).toMatchObject({
        accessToken: 'new-access',
        refreshToken: 'refresh-2',
      });
      expect(changes.map((c) => c.reason)).toEqual(['stored', 'refreshed']);
      expect(JSON.stringify(changes)).not.toMatch(/access|refresh-/);
    });

    it('when concurrent connects need a refresh, they share one', async () => {
      const { service, refresher, configured } = setup(0);
      const results = await Promise.all(
        [1, 2, 3].map(() => service.credentialFor('a', configured, refresher)),
      );
      expect(refresher.calls).toBe(1);
      expect(results.map((r) => (r.kind === 'oauth2' ? r.accessToken : ''))).toEqual([
        'new-access',
        'new-access',
        'new-access',
      ]);
    });

    it('when forced, refreshes even a fresh token', async () => {
      const { service, refresher, configured } = setup(3_600_000);
      await service.credentialFor('a', configured, refresher, { force: true });
      expect(refresher.calls).toBe(1);
    });

    it('when the grant was revoked, requires reauthorization with reason revoked', async () => {
      const { service, refresher, configured } = setup(0);
      refresher.result = new SwitchboardError('SB_OAUTH_GRANT_REVOKED');
      await expect(service.credentialFor('a', configured, refresher)).rejects.toMatchObject({
        code: 'SB_REAUTH_REQUIRED',
        details: { reason: 'revoked', account: 'a' },
      });
    });

    it('when the token expired and there is no refresh token, requires reauthorization with reason expired', async () => {
      const { service, refresher, configured } = setup(-1, null);
      await expect(service.credentialFor('a', configured, refresher)).rejects.toMatchObject({
        details: { reason: 'expired' },
      });
    });

    it('when the token endpoint is down but the token still works, uses the token', async () => {
      const { service, refresher, configured } = setup(30_000);
      refresher.result = new SwitchboardError('SB_OAUTH_FAILED');
      await expect(service.credentialFor('a', configured, refresher)).resolves.toMatchObject({
        accessToken: 'old-access',
      });
    });

    it('when the token endpoint is down and the token has expired, fails with SB_OAUTH_FAILED', async () => {
      const { service, refresher, configured } = setup(-1);
      refresher.result = new SwitchboardError('SB_OAUTH_FAILED');
      await expect(service.credentialFor('a', configured, refresher)).rejects.toMatchObject({
        code: 'SB_OAUTH_FAILED',
      });
    });

    it('never puts a token into an error', async () => {
      const { service, refresher, configured } = setup(0);
      refresher.result = new SwitchboardError('SB_OAUTH_GRANT_REVOKED');
      const error = await service
        .credentialFor('a', configured, refresher)
        .catch((e: unknown) => e);
      expect(`${String(error)} ${JSON.stringify(error)}`).not.toMatch(/old-access|refresh-1/);
    });
  });
});
