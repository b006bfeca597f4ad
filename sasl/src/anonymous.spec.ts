import { type SaslMechanism, SwitchboardError, toBytes } from '@switchboard/core';
import { anonymous } from './anonymous';

function bytes(data: ReturnType<SaslMechanism['response']>): Uint8Array {
  if (data instanceof Promise) throw new Error('expected a synchronous response');
  return toBytes(data ?? 'missing');
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

describe('anonymous', () => {
  it('when registered, needs no credential, may run without TLS and is not redacted', () => {
    expect(anonymous).toMatchObject({
      name: 'ANONYMOUS',
      clientFirst: true,
      credentialKinds: [],
      allowInsecure: true,
      redaction: 'none',
    });
  });

  describe('.response', () => {
    it('when no trace is given, sends an empty message', () => {
      expect(bytes(anonymous.create().response({}))).toHaveLength(0);
    });

    it('when a trace is given, sends it as UTF-8', () => {
      expect(bytes(anonymous.create().response({ trace: 'sirhc' }))).toEqual(toBytes('sirhc'));
      expect(bytes(anonymous.create().response({ trace: 'gäst@example.org' }))).toEqual(
        toBytes('gäst@example.org'),
      );
    });

    it('when the trace is 255 characters, sends it; at 256 or with control characters, fails with SB_CONFIG_INVALID', () => {
      const max = 'ü'.repeat(255);
      expect(bytes(anonymous.create().response({ trace: max }))).toEqual(toBytes(max));
      for (const trace of ['x'.repeat(256), 'a\u0000b', 'line\nbreak', 42]) {
        const error = caught(() => anonymous.create().response({ trace }));
        expect(error.code).toBe('SB_CONFIG_INVALID');
        expect(error.details).toEqual({ mechanism: 'ANONYMOUS', field: 'trace' });
      }
    });
  });

  describe('.challenge', () => {
    it('when the server sends a challenge, fails with SB_SASL_PROTOCOL', () => {
      expect(caught(() => anonymous.create().challenge(toBytes('x'))).code).toBe(
        'SB_SASL_PROTOCOL',
      );
    });
  });
});
