import { type SaslMechanism, SwitchboardError, toBytes } from '@switchboard/core';
import { plain } from './plain';

function bytes(data: ReturnType<SaslMechanism['response']>): Uint8Array {
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

describe('plain', () => {
  it('when registered, is client-first PLAIN needing a password and TLS, with payloads redacted', () => {
    expect(plain).toMatchObject({
      name: 'PLAIN',
      clientFirst: true,
      credentialKinds: ['password'],
      redaction: 'all',
    });
    expect(plain.allowInsecure).toBeUndefined();
  });

  describe('.response', () => {
    it('when given user and pencil, sends exactly \\0user\\0pencil', () => {
      const out = bytes(plain.create().response({ username: 'user', password: 'pencil' }));
      expect(Array.from(out)).toEqual([0, ...toBytes('user'), 0, ...toBytes('pencil')]);
    });

    it('when an authzid is given, it leads the message', () => {
      const out = bytes(
        plain
          .create()
          .response({ authzid: 'admin@example.org', username: 'user', password: 'pencil' }),
      );
      expect(out).toEqual(toBytes('admin@example.org\u0000user\u0000pencil'));
    });

    it('when the strings are not ASCII, sends them as UTF-8 unchanged', () => {
      const out = bytes(plain.create().response({ username: 'jürgen', password: 'ｐäß' }));
      expect(Buffer.from(out).toString('hex')).toBe(
        `006ac3bc7267656e00${Buffer.from('ｐäß').toString('hex')}`,
      );
    });

    it('when the password is missing or contains NUL, fails with SB_CONFIG_INVALID naming only the field', () => {
      for (const credentials of [
        { username: 'user' },
        { username: 'user', password: 'pen\u0000cil' },
      ]) {
        const error = caught(() => plain.create().response(credentials));
        expect(error.code).toBe('SB_CONFIG_INVALID');
        expect(error.details).toEqual({ mechanism: 'PLAIN', field: 'password' });
        expect(error.message).not.toContain('pen');
      }
    });

    it('when called a second time, fails with SB_SASL_PROTOCOL', () => {
      const session = plain.create();
      session.response({ username: 'user', password: 'pencil' });
      expect(caught(() => session.response({ username: 'user', password: 'pencil' })).code).toBe(
        'SB_SASL_PROTOCOL',
      );
    });
  });

  describe('.challenge', () => {
    it('when the server sends a challenge, fails with SB_SASL_PROTOCOL', () => {
      expect(caught(() => plain.create().challenge(toBytes('x'))).code).toBe('SB_SASL_PROTOCOL');
    });
  });
});
