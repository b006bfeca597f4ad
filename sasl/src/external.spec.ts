import { SaslRegistry, SwitchboardError, toBytes } from '@switchboard/core';
import { CERTIFICATE_CREDENTIAL, external } from './external';
import { plain } from './plain';

function respond(credentials: Record<string, unknown>): Uint8Array {
  const data = external.create().response(credentials);
  if (data instanceof Promise) throw new Error('expected a synchronous response');
  return toBytes(data ?? '');
}

function caught(run: () => unknown): SwitchboardError {
  try {
    run();
  } catch (error) {
    if (SwitchboardError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a SwitchboardError');
}

describe('external', () => {
  it('when registered, is client-first EXTERNAL needing a certificate and TLS, payloads not secret', () => {
    expect(external).toMatchObject({
      name: 'EXTERNAL',
      clientFirst: true,
      credentialKinds: ['certificate'],
      redaction: 'none',
    });
    expect(CERTIFICATE_CREDENTIAL).toBe('certificate');
    expect(external.allowInsecure).toBeUndefined();
  });

  describe('.response', () => {
    it('when no authzid is set, sends an empty message (RFC 4422 App. A: the identity is the certificate)', () => {
      expect(Array.from(respond({ username: 'alice' }))).toEqual([]);
    });

    it('when an authzid is set, sends exactly its UTF-8 bytes', () => {
      expect(Array.from(respond({ authzid: 'bérénice' }))).toEqual(
        Array.from(new TextEncoder().encode('bérénice')),
      );
    });

    it('when the authzid holds a NUL, fails SB_CONFIG_INVALID naming the field, not the value', () => {
      const error = caught(() => respond({ authzid: 'a\u0000b' }));
      expect(error.code).toBe('SB_CONFIG_INVALID');
      expect(error.details).toEqual({ mechanism: 'EXTERNAL', field: 'authzid' });
      expect(error.message).not.toContain('a\u0000b');
    });

    it('when asked twice, fails SB_SASL_PROTOCOL', () => {
      const session = external.create();
      session.response({});
      expect(caught(() => session.response({})).code).toBe('SB_SASL_PROTOCOL');
    });
  });

  describe('.challenge', () => {
    it('when the server sends a challenge, fails SB_SASL_PROTOCOL', () => {
      const session = external.create();
      session.response({});
      expect(caught(() => session.challenge(new Uint8Array([1]))).code).toBe('SB_SASL_PROTOCOL');
    });
  });

  describe('in the registry', () => {
    const registry = new SaslRegistry()
      .register(external, { priority: 400 })
      .register(plain, { priority: 100 });

    it('when the account holds a certificate over TLS, EXTERNAL is selected', () => {
      const result = registry.select(['PLAIN', 'EXTERNAL'], {
        secure: true,
        credentialKinds: ['certificate'],
      });
      expect(result.mechanism?.name).toBe('EXTERNAL');
      expect(result.trace).toEqual([
        { mechanism: 'PLAIN', outcome: 'skipped', reason: 'missing-credential' },
        { mechanism: 'EXTERNAL', outcome: 'selected' },
      ]);
    });

    it('when the account holds only a password, EXTERNAL is skipped for its missing credential', () => {
      const result = registry.select(['EXTERNAL', 'PLAIN'], {
        secure: true,
        credentialKinds: ['password'],
      });
      expect(result.mechanism?.name).toBe('PLAIN');
      expect(result.trace[0]).toEqual({
        mechanism: 'EXTERNAL',
        outcome: 'skipped',
        reason: 'missing-credential',
      });
    });

    it('when the stream is not encrypted, EXTERNAL is skipped', () => {
      const result = registry.select(['EXTERNAL'], {
        secure: false,
        credentialKinds: ['certificate'],
      });
      expect(result.mechanism).toBeUndefined();
      expect(result.trace).toEqual([
        { mechanism: 'EXTERNAL', outcome: 'skipped', reason: 'insecure-stream' },
      ]);
    });
  });
});
