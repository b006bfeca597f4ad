/**
 * Shared fixtures for the SCRAM specs: the RFC 5802 and RFC 7677 vectors, an independent
 * server side on node:crypto, and error helpers. Test-only; not exported by the package.
 */
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import {
  bytesToUtf8,
  type SaslCredentials,
  type SaslData,
  type SaslMechanism,
  type SaslMechanismDefinition,
  SwitchboardError,
  toBytes,
} from '@switchboard/core';
import { createScram } from './scram';

/** The RFC 7677 §3 example. */
export const RFC7677 = {
  nonce: 'rOprNGfwEbeRWgbNEkqO',
  clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverFirst:
    'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal:
    'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

/** The RFC 5802 §5 example. */
export const RFC5802 = {
  nonce: 'fyko+d2lbbFgONRv9qkxdawL',
  clientFirst: 'n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL',
  serverFirst: 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096',
  clientFinal: 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
  serverFinal: 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=',
};

export const pencil: SaslCredentials = { username: 'user', password: 'pencil' };
export const SECRET = 'Sup3r secret!';

export function text(data: SaslData | null | undefined): string {
  return bytesToUtf8(toBytes(data ?? ''));
}

export function fixedNonce(
  hash: 'SHA-1' | 'SHA-256',
  nonce: string,
  options = {},
): SaslMechanismDefinition {
  return createScram(hash, { nonce: () => nonce, ...options });
}

/** Runs client-first and server-first; returns the session and the client-final text. */
export async function toClientFinal(
  definition: SaslMechanismDefinition,
  credentials: SaslCredentials,
  serverFirst: string,
): Promise<{ session: SaslMechanism; clientFirst: string; clientFinal: string }> {
  const session = definition.create();
  const clientFirst = text(await session.response(credentials));
  await session.challenge(toBytes(serverFirst));
  const clientFinal = text(await session.response(credentials));
  return { session, clientFirst, clientFinal };
}

/** A server side on node:crypto (independent of the WebCrypto client) for inputs without RFC vectors. */
export function nodeServer(
  algorithm: 'sha1' | 'sha256',
  password: string,
  salt: Buffer,
  iterations: number,
) {
  const salted = pbkdf2Sync(password, salt, iterations, algorithm === 'sha1' ? 20 : 32, algorithm);
  const hmac = (key: Buffer, data: string) => createHmac(algorithm, key).update(data).digest();
  const storedKey = createHash(algorithm).update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  return {
    /** Checks the client-final's proof the way a server does; returns the server-final. */
    verify(clientFirst: string, serverFirst: string, clientFinal: string): string | undefined {
      const bare = clientFirst.replace(/^[ny],(a=[^,]*)?,/, '');
      const [withoutProof, proof] = clientFinal.split(',p=');
      const authMessage = `${bare},${serverFirst},${withoutProof}`;
      const signature = hmac(storedKey, authMessage);
      const clientKey = Buffer.from(proof ?? '', 'base64').map((b, i) => b ^ (signature[i] ?? 0));
      const ok = createHash(algorithm).update(clientKey).digest().equals(storedKey);
      return ok ? `v=${hmac(serverKey, authMessage).toString('base64')}` : undefined;
    },
  };
}

export function caught(run: () => unknown): SwitchboardError {
  try {
    run();
  } catch (error) {
    if (SwitchboardError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a SwitchboardError');
}

export async function rejected(promise: Promise<unknown>): Promise<SwitchboardError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (SwitchboardError.is(error)) return error;
  throw error;
}

export function expectNoSecret(error: SwitchboardError, secret: string): void {
  expect(error.message).not.toContain(secret);
  expect(JSON.stringify(error.details)).not.toContain(secret);
  expect(error.cause).toBeUndefined();
}
