/**
 * Test helpers: the client side of SCRAM (RFC 5802; SCRAM-SHA-256 is RFC 7677) without channel
 * binding (`n,,`), to log in over any transport and to check the server's signature.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/** The hash of the mechanism: `sha1` for SCRAM-SHA-1, `sha256` for SCRAM-SHA-256. */
export type ScramHash = 'sha1' | 'sha256';

/** The client's two messages; text, to be base64-encoded by the caller. */
export interface ScramClient {
  /** client-first-message: `n,,n=USER,r=NONCE`. */
  readonly first: string;
  /** client-final-message for the decoded server-first-message, and the signature to expect. */
  final(serverFirst: string): { readonly message: string; readonly serverSignature: string };
}

/** `=` and `,` in a saslname (RFC 5802 §5.1). */
const saslname = (name: string): string => name.replace(/=/g, '=3D').replace(/,/g, '=2C');

/** A SCRAM client for `username` and `password` (both already SASLprep'ed: ASCII here). */
export function scramClient(hash: ScramHash, username: string, password: string): ScramClient {
  const bare = `n=${saslname(username)},r=${randomBytes(18).toString('base64')}`;
  const hmac = (key: Buffer, text: string): Buffer => createHmac(hash, key).update(text).digest();
  return {
    first: `n,,${bare}`,
    final(serverFirst) {
      const fields = new Map(serverFirst.split(',').map((f) => [f.slice(0, 1), f.slice(2)]));
      const nonce = fields.get('r') ?? '';
      const salt = Buffer.from(fields.get('s') ?? '', 'base64');
      const iterations = Number(fields.get('i'));
      const length = hash === 'sha1' ? 20 : 32;
      const salted = pbkdf2Sync(password, salt, iterations, length, hash);
      const clientKey = hmac(salted, 'Client Key');
      const storedKey = createHash(hash).update(clientKey).digest();
      const withoutProof = `c=${Buffer.from('n,,').toString('base64')},r=${nonce}`;
      const authMessage = `${bare},${serverFirst},${withoutProof}`;
      const signature = hmac(storedKey, authMessage);
      const proof = Buffer.from(clientKey.map((b, i) => b ^ (signature[i] ?? 0)));
      return {
        message: `${withoutProof},p=${proof.toString('base64')}`,
        serverSignature: hmac(hmac(salted, 'Server Key'), authMessage).toString('base64'),
      };
    },
  };
}
