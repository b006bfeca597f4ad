import { createPublicKey, generateKeyPairSync, type KeyObject, verify } from 'node:crypto';
import { type SaslMechanism, SwitchboardError, toBytes } from '@switchboard/core';
import { ECDSA_P256_CREDENTIAL, ecdsaNist256pChallenge } from './ecdsaNist256pChallenge';

/** RFC 6979 §A.2.5: the P-256 key pair. */
const RFC6979 = {
  x: '60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6',
  y: '7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299',
  d: 'C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721',
};
const b64url = (hex: string): string => Buffer.from(hex, 'hex').toString('base64url');
const rfcJwk = { kty: 'EC', crv: 'P-256', x: b64url(RFC6979.x), y: b64url(RFC6979.y) };
const rfcPublic = createPublicKey({ key: rfcJwk, format: 'jwk' });

function challengeBytes(): Uint8Array {
  return Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);
}

async function bytesOf(data: ReturnType<SaslMechanism['response']>): Promise<Uint8Array> {
  return toBytes((await data) ?? '');
}

/** Atheme's second check: `ECDSA_verify` over SHA-256(challenge) with the account's public key. */
function athemeAccepts(publicKey: KeyObject, challenge: Uint8Array, signature: Uint8Array) {
  return verify('sha256', challenge, { key: publicKey, dsaEncoding: 'der' }, signature);
}

/** Runs the exchange: names, challenge, signature. */
async function login(credentials: Record<string, unknown>, challenge = challengeBytes()) {
  const session = ecdsaNist256pChallenge.create();
  const first = await bytesOf(session.response(credentials));
  session.challenge(challenge);
  const signature = await bytesOf(session.response(credentials));
  return { first, signature };
}

async function rejection(run: () => unknown): Promise<SwitchboardError> {
  try {
    await run();
  } catch (error) {
    if (SwitchboardError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a SwitchboardError');
}

async function rfcPrivateKey(): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'jwk',
    { ...rfcJwk, d: b64url(RFC6979.d) },
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
}

describe('ecdsaNist256pChallenge', () => {
  it('when registered, is client-first ECDSA-NIST256P-CHALLENGE needing a P-256 key and TLS', () => {
    expect(ecdsaNist256pChallenge).toMatchObject({
      name: 'ECDSA-NIST256P-CHALLENGE',
      clientFirst: true,
      credentialKinds: ['ecdsa-p256'],
      redaction: 'all',
    });
    expect(ECDSA_P256_CREDENTIAL).toBe('ecdsa-p256');
    expect(ecdsaNist256pChallenge.allowInsecure).toBeUndefined();
  });

  describe('.response', () => {
    it('when given the RFC 6979 key as a CryptoKey, sends the account name, then a DER signature of the challenge that verifies', async () => {
      const challenge = challengeBytes();
      const { first, signature } = await login(
        { username: 'alice', ecdsaKey: await rfcPrivateKey() },
        challenge,
      );
      expect(new TextDecoder().decode(first)).toBe('alice');
      expect(signature[0]).toBe(0x30);
      expect(signature[1]).toBe(signature.length - 2);
      expect(athemeAccepts(rfcPublic, challenge, signature)).toBe(true);
      const other = challenge.map((b, i) => (i === 0 ? b ^ 1 : b));
      expect(athemeAccepts(rfcPublic, other, signature)).toBe(false);
    });

    it('when given a PKCS#8 PEM string or DER bytes, signs with that key', async () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const der = Uint8Array.from(privateKey.export({ type: 'pkcs8', format: 'der' }));
      for (const ecdsaKey of [pem, der]) {
        const challenge = crypto.getRandomValues(new Uint8Array(32));
        const { signature } = await login({ username: 'alice', ecdsaKey }, challenge);
        expect(athemeAccepts(publicKey, challenge, signature)).toBe(true);
        expect(athemeAccepts(rfcPublic, challenge, signature)).toBe(false);
      }
    });

    it('when an authzid is set, sends authcid NUL authzid', async () => {
      const { first } = await login({
        username: 'alice',
        authzid: 'admin',
        ecdsaKey: await rfcPrivateKey(),
      });
      expect(Array.from(first)).toEqual([...toBytes('alice'), 0, ...toBytes('admin')]);
    });

    it('when the key is missing or not a P-256 private key, fails SB_CONFIG_INVALID before anything is sent, without the value', async () => {
      const { privateKey: p384 } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
      const p384Pem = p384.export({ type: 'pkcs8', format: 'pem' }).toString();
      const { publicKey } = await crypto.subtle.generateKey(
        { name: 'ECDSA', namedCurve: 'P-256' },
        true,
        ['sign', 'verify'],
      );
      for (const ecdsaKey of [undefined, 'not a key', p384Pem, publicKey, 42]) {
        const session = ecdsaNist256pChallenge.create();
        const error = await rejection(() => session.response({ username: 'alice', ecdsaKey }));
        expect(error.code).toBe('SB_CONFIG_INVALID');
        expect(error.details).toEqual({
          mechanism: 'ECDSA-NIST256P-CHALLENGE',
          field: 'ecdsaKey',
        });
        expect(error.message).not.toContain('PRIVATE KEY');
      }
    });

    it('when the username is missing, fails SB_CONFIG_INVALID naming it', async () => {
      const session = ecdsaNist256pChallenge.create();
      const error = await rejection(() => session.response({ ecdsaKey: 'x' }));
      expect(error.code).toBe('SB_CONFIG_INVALID');
      expect(error.details).toMatchObject({ field: 'username' });
    });

    it('when a response is asked before the challenge, fails SB_SASL_PROTOCOL', async () => {
      const credentials = { username: 'alice', ecdsaKey: await rfcPrivateKey() };
      const session = ecdsaNist256pChallenge.create();
      await session.response(credentials);
      const error = await rejection(() => session.response(credentials));
      expect(error.code).toBe('SB_SASL_PROTOCOL');
    });
  });

  describe('.challenge', () => {
    it('when the challenge is not 32 bytes, fails SB_SASL_MALFORMED_CHALLENGE with its length', async () => {
      for (const length of [0, 31, 33, 64]) {
        const session = ecdsaNist256pChallenge.create();
        await session.response({ username: 'alice', ecdsaKey: await rfcPrivateKey() });
        const error = await rejection(() => session.challenge(new Uint8Array(length)));
        expect(error.code).toBe('SB_SASL_MALFORMED_CHALLENGE');
        expect(error.details).toEqual({ mechanism: 'ECDSA-NIST256P-CHALLENGE', length });
      }
    });

    it('when a challenge comes before the account name or a second time, fails SB_SASL_PROTOCOL', async () => {
      const early = ecdsaNist256pChallenge.create();
      expect((await rejection(() => early.challenge(challengeBytes()))).code).toBe(
        'SB_SASL_PROTOCOL',
      );
      const twice = ecdsaNist256pChallenge.create();
      await twice.response({ username: 'alice', ecdsaKey: await rfcPrivateKey() });
      twice.challenge(challengeBytes());
      expect((await rejection(() => twice.challenge(challengeBytes()))).code).toBe(
        'SB_SASL_PROTOCOL',
      );
    });
  });
});
