/**
 * An independent SCRAM server on node:crypto for the specs of channel binding, XEP-0474 and
 * the key cache: it checks the GS2 header and `c=` the way Prosody's util/sasl/scram.lua does.
 * Test-only; not exported by the package.
 */
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import {
  bytesToUtf8,
  type ChannelBindingType,
  type SaslCredentials,
  type SaslLoginContext,
  type SaslMechanism,
  type SaslMechanismDefinition,
  toBytes,
} from '@switchboard/core';

type Algorithm = 'sha1' | 'sha256' | 'sha512';

const LENGTH: Record<Algorithm, number> = { sha1: 20, sha256: 32, sha512: 64 };

/** What the test server is configured with. */
export interface TestServerOptions {
  readonly algorithm: Algorithm;
  readonly password: string;
  readonly salt?: Buffer;
  readonly iterations?: number;
  /** The binding data the server computes for each type it supports. */
  readonly bindings?: Partial<Record<ChannelBindingType, Uint8Array>>;
  /** Appended to the server-first-message, e.g. `h=...` for XEP-0474. */
  readonly extension?: string;
}

/** A SCRAM server for one login at a time. */
export function scramServer(options: TestServerOptions) {
  const { algorithm } = options;
  const salt = options.salt ?? Buffer.from('QSXCR+Q6sek8bf92', 'base64');
  const iterations = options.iterations ?? 4096;
  const salted = pbkdf2Sync(options.password, salt, iterations, LENGTH[algorithm], algorithm);
  const hmac = (key: Buffer, data: string) => createHmac(algorithm, key).update(data).digest();
  const storedKey = createHash(algorithm).update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  return {
    salt,
    /** The server-first-message for a client-first-message. */
    first(clientFirst: string): string {
      const nonce = /,r=([^,]+)/.exec(clientFirst)?.[1] ?? '';
      const extension = options.extension === undefined ? '' : `,${options.extension}`;
      return `r=${nonce}SERVER,s=${salt.toString('base64')},i=${iterations}${extension}`;
    },
    /**
     * Checks the client-final-message (channel binding and proof) like Prosody; returns the
     * server-final-message, or `e=...`.
     */
    final(clientFirst: string, serverFirst: string, clientFinal: string): string {
      const header = /^((?:[ny]|p=([a-z-]+)),(?:a=[^,]*)?,)/.exec(clientFirst);
      if (header?.[1] === undefined) return 'e=other-error';
      const gs2Header = header[1];
      const type = header[2] as ChannelBindingType | undefined;
      if (gs2Header.startsWith('y') && options.bindings !== undefined) {
        return 'e=server-does-support-channel-binding';
      }
      const data = type === undefined ? new Uint8Array(0) : options.bindings?.[type];
      if (data === undefined) return 'e=unsupported-channel-binding-type';
      const bare = clientFirst.slice(gs2Header.length);
      const [withoutProof, proof] = clientFinal.split(',p=');
      const c = /^c=([^,]+)/.exec(withoutProof ?? '')?.[1] ?? '';
      const expected = Buffer.concat([Buffer.from(gs2Header), Buffer.from(data)]);
      if (!Buffer.from(c, 'base64').equals(expected)) return 'e=channel-bindings-dont-match';
      const authMessage = `${bare},${serverFirst},${withoutProof}`;
      const signature = hmac(storedKey, authMessage);
      const clientKey = Buffer.from(proof ?? '', 'base64').map((b, i) => b ^ (signature[i] ?? 0));
      const ok = createHash(algorithm).update(clientKey).digest().equals(storedKey);
      return ok ? `v=${hmac(serverKey, authMessage).toString('base64')}` : 'e=invalid-proof';
    },
  };
}

/** What one run of a login against {@link scramServer} saw. */
export interface LoginRun {
  readonly session: SaslMechanism;
  readonly clientFirst: string;
  readonly clientFinal: string;
  readonly serverFinal: string;
}

function text(data: unknown): string {
  return typeof data === 'string' ? data : bytesToUtf8(data as Uint8Array);
}

/** Runs a whole login; `success` receives the server-final (throws what the mechanism throws). */
export async function runLogin(
  definition: SaslMechanismDefinition,
  server: ReturnType<typeof scramServer>,
  credentials: SaslCredentials,
  context?: SaslLoginContext,
): Promise<LoginRun> {
  const session = definition.create(context);
  const clientFirst = text(await session.response(credentials));
  const serverFirst = server.first(clientFirst);
  await session.challenge(toBytes(serverFirst));
  const clientFinal = text(await session.response(credentials));
  const serverFinal = server.final(clientFirst, serverFirst, clientFinal);
  await session.success?.(toBytes(serverFinal));
  return { session, clientFirst, clientFinal, serverFinal };
}

/** A login context with fixed binding data. */
export function contextWith(
  overrides: Partial<SaslLoginContext> & {
    readonly data?: Partial<Record<ChannelBindingType, Uint8Array>>;
  },
): SaslLoginContext {
  const { data = {}, ...rest } = overrides;
  return {
    channelBindings: Object.keys(data) as ChannelBindingType[],
    channelBindingData: (type) => data[type],
    offered: [],
    ...rest,
  };
}
