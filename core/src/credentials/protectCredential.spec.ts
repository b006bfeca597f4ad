import { inspect } from 'node:util';
import { validateAccountConfig } from '../accounts/accountConfigSchema';
import type { Credential } from './Credential';
import { isProtectedCredential, protectCredential } from './protectCredential';
import { secretsOf } from './secretsOf';

const credentials: Credential[] = [
  { kind: 'password', password: 'pw-SECRET-1' },
  { kind: 'oauth2', accessToken: 'at-SECRET-2', refreshToken: 'rt-SECRET-3', expiresAt: 42 },
  { kind: 'token', token: 'tok-SECRET-4' },
];

/** Every way a host might print or serialize a value. */
function shown(value: unknown): string {
  return [
    inspect(value),
    inspect(value, { depth: Number.POSITIVE_INFINITY }),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    JSON.stringify(value),
    JSON.stringify({ ...(value as object) }),
    JSON.stringify(Object.assign({}, value)),
    JSON.stringify(structuredClone(value)),
    Object.keys(value as object).join(','),
    `${String(value)}`,
  ].join('\n');
}

describe(protectCredential, () => {
  it.each(credentials)(
    'when a $kind credential is printed or serialized, shows no secret',
    (raw) => {
      const credential = protectCredential(raw);
      const text = shown(credential);
      for (const secret of secretsOf(raw)) expect(text).not.toContain(secret);
      expect(inspect(credential)).toContain(`kind: '${raw.kind}'`);
      expect(inspect(credential)).toContain('[redacted]');
    },
  );

  it('when inside a config, shows no secret with depth Infinity', () => {
    const config = {
      profile: 'p',
      address: 'a@b',
      nested: { deeper: [protectCredential(credentials[1] as Credential)] },
    };
    const text = shown(config);
    expect(text).not.toContain('SECRET');
    expect(JSON.parse(JSON.stringify(config)).nested.deeper[0]).toEqual({
      kind: 'oauth2',
      accessToken: '[redacted]',
      refreshToken: '[redacted]',
      expiresAt: 42,
    });
  });

  it('when read by field name, gives the secrets to the code that needs them', () => {
    const credential = protectCredential({
      kind: 'oauth2',
      accessToken: 'at',
      refreshToken: 'rt',
      expiresAt: 7,
    } as const);
    expect(credential.accessToken).toBe('at');
    expect(credential.refreshToken).toBe('rt');
    expect(credential.expiresAt).toBe(7);
    expect('accessToken' in credential).toBe(true);
    const { kind, accessToken } = credential;
    expect([kind, accessToken]).toEqual(['oauth2', 'at']);
    expect(secretsOf(credential)).toEqual(['at', 'rt']);
  });

  it('when spread, copies only the public fields', () => {
    const credential = protectCredential({ kind: 'oauth2', accessToken: 'at', expiresAt: 1 });
    expect({ ...credential }).toEqual({ kind: 'oauth2', expiresAt: 1 });
  });

  it('when protected twice, returns the same object; the copy is frozen and the input untouched', () => {
    const raw = { kind: 'password' as const, password: 'pw' };
    const credential = protectCredential(raw);
    expect(protectCredential(credential)).toBe(credential);
    expect(isProtectedCredential(credential)).toBe(true);
    expect(isProtectedCredential(raw)).toBe(false);
    expect(Object.isFrozen(credential)).toBe(true);
    expect(JSON.stringify(raw)).toBe('{"kind":"password","password":"pw"}');
  });

  it('when validated as part of an account config, passes the schema', () => {
    for (const raw of credentials) {
      const credential = protectCredential(raw);
      expect(() =>
        validateAccountConfig({ profile: 'jabber', address: 'a@example.org', credential }),
      ).not.toThrow();
    }
  });
});

describe(secretsOf, () => {
  it('when given each kind, lists its non-empty secret strings', () => {
    expect(credentials.map(secretsOf)).toEqual([
      ['pw-SECRET-1'],
      ['at-SECRET-2', 'rt-SECRET-3'],
      ['tok-SECRET-4'],
    ]);
  });
});
