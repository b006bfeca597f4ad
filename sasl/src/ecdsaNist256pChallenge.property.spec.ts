import { createPublicKey, verify } from 'node:crypto';
import { SwitchboardError, toBytes } from '@switchboard/core';
import { anyChallenge } from '@switchboard/testing/property';
import fc from 'fast-check';
import { ecdsaNist256pChallenge } from './ecdsaNist256pChallenge';

const pair = crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
  'sign',
  'verify',
]);

async function publicKeyObject() {
  const jwk = await crypto.subtle.exportKey('jwk', (await pair).publicKey);
  return createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
}

async function rejection(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('ecdsaNist256pChallenge', () => {
  it('when any 32-byte challenge arrives, answers with a DER signature of SHA-256(challenge) that verifies with the public key', async () => {
    const credentials = { username: 'alice', ecdsaKey: (await pair).privateKey };
    const publicKey = await publicKeyObject();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async (challenge) => {
        const session = ecdsaNist256pChallenge.create();
        await session.response(credentials);
        session.challenge(challenge);
        const signature = toBytes((await session.response(credentials)) ?? '');
        expect(signature[0]).toBe(0x30);
        expect(verify('sha256', challenge, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(
          true,
        );
      }),
      { numRuns: 100 },
    );
  });

  it('when a challenge of any other length arrives, throws only SB_SASL_MALFORMED_CHALLENGE', async () => {
    const credentials = { username: 'alice', ecdsaKey: (await pair).privateKey };
    await fc.assert(
      fc.asyncProperty(
        anyChallenge.filter((data) => data.length !== 32),
        async (data) => {
          const session = ecdsaNist256pChallenge.create();
          await session.response(credentials);
          const error = await rejection(() => session.challenge(data));
          expect(SwitchboardError.is(error, 'SB_SASL_MALFORMED_CHALLENGE')).toBe(true);
          expect((error as SwitchboardError).details).toEqual({
            mechanism: 'ECDSA-NIST256P-CHALLENGE',
            length: data.length,
          });
        },
      ),
    );
  });
});
