/**
 * SCRAM-SHA-1, SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802, RFC 7677,
 * draft-melnikov-scram-sha-512), client side, with and without channel binding (-PLUS,
 * RFC 5802 §6 with tls-exporter RFC 9266, tls-server-end-point and tls-unique RFC 5929). The
 * server's signature is always verified.
 */
import type {
  ChannelBindingType,
  SaslLoginContext,
  SaslMechanism,
  SaslMechanismDefinition,
} from '@switchboard/core';
import { SwitchboardError, toBase64 } from '@switchboard/core';
import { type ScramConfig, ScramSession } from './ScramSession';
import type { ScramHash } from './scramKeys';

/** Options for {@link createScram}. */
export interface ScramOptions {
  /**
   * Produces the client nonce (visible ASCII except `,`). Default: 18 bytes from
   * `crypto.getRandomValues`, base64-encoded (24 characters). Inject a fixed one only in tests.
   */
  readonly nonce?: () => string;
  /**
   * The lowest iteration count accepted from the server. Default 4096, the minimum RFC 7677
   * asks servers for: a lower count lets an impostor server obtain a proof that is cheap to
   * attack offline.
   */
  readonly minIterations?: number;
  /** The highest iteration count accepted, so a server cannot stall the client. Default 1,000,000. */
  readonly maxIterations?: number;
  /**
   * Makes the -PLUS variant (e.g. `SCRAM-SHA-256-PLUS`), which binds the login to the TLS
   * channel with the first of these types the connection offers (`SaslLoginContext`).
   * Default: no channel binding.
   */
  readonly channelBindings?: readonly ChannelBindingType[];
}

/** The binding types SCRAM -PLUS can use, in the order a connection usually prefers them. */
export const SCRAM_CHANNEL_BINDINGS: readonly ChannelBindingType[] = Object.freeze([
  'tls-exporter',
  'tls-server-end-point',
  'tls-unique',
]);

const HASHES: readonly ScramHash[] = ['SHA-1', 'SHA-256', 'SHA-512'];

function randomNonce(): string {
  return toBase64(globalThis.crypto.getRandomValues(new Uint8Array(18)));
}

function invalid(field: string, problem: string): SwitchboardError {
  return new SwitchboardError('SB_CONFIG_INVALID', `createScram: ${field} ${problem}.`, {
    details: { field },
  });
}

function checkIterationBound(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw invalid(field, 'must be a positive integer');
  return value;
}

/**
 * A SCRAM mechanism definition for `hash` (RFC 5802; SCRAM-SHA-256 per RFC 7677), named
 * `SCRAM-SHA-1`, `SCRAM-SHA-256` or `SCRAM-SHA-512`, or with `options.channelBindings` the
 * `-PLUS` variant. It sends `<gs2-header>n=<username>,r=<nonce>`, with `=` and `,` escaped;
 * the GS2 header is `p=<type>,,` for -PLUS (the first type of `context.channelBindings` it
 * supports; `c=` then carries the header and the binding data), `y,,` when the connection
 * could bind but the server offered no SCRAM -PLUS (RFC 5802's downgrade signal), else `n,,`
 * (`n,a=<authzid>,` etc. when `credentials.authzid` is set). It derives SaltedPassword with one
 * native WebCrypto PBKDF2 call, or takes ClientKey and ServerKey from `context.scramKeys` when
 * they are cached for this server, user, salt, iteration count and password (stored after the
 * server proved itself, dropped when a login with them fails), and verifies the server's `v=`
 * whether it comes with `<success/>` or as a last challenge (answered with an empty response).
 * When the server-first-message carries XEP-0474's `h=`, it must match the offered mechanisms
 * and channel bindings of the context before any proof is sent. Username, authzid and
 * password are prepared with SASLprep (RFC 4013, as queries; see `saslPrep.ts`). Needs a
 * `password` credential and TLS; payloads are redacted, since a logged proof allows an offline
 * password search.
 *
 * Errors: SB_CONFIG_INVALID (missing credential, bad options, or a username, authzid or password
 * SASLprep refuses: `details.field` names it, `details.reason` says why, before anything is
 * sent), SB_SASL_MALFORMED_CHALLENGE (server-first refused), SB_SASL_DOWNGRADE (XEP-0474 `h=`
 * mismatch, no proof sent), SB_SASL_SERVER_VERIFICATION_FAILED (missing or wrong `v=`),
 * SB_SASL_FAILURE (server-final `e=`, with `details.condition`, and `details.channelBinding` for
 * -PLUS), SB_SASL_PROTOCOL (out of order; -PLUS on a connection without its binding).
 */
export function createScram(hash: ScramHash, options: ScramOptions = {}): SaslMechanismDefinition {
  if (!HASHES.includes(hash)) throw invalid('hash', 'must be "SHA-1", "SHA-256" or "SHA-512"');
  const minIterations = checkIterationBound(options.minIterations ?? 4096, 'minIterations');
  const maxIterations = checkIterationBound(options.maxIterations ?? 1_000_000, 'maxIterations');
  if (maxIterations < minIterations) throw invalid('maxIterations', 'is below minIterations');
  const bindings = options.channelBindings;
  if (bindings !== undefined && bindings.length === 0) {
    throw invalid('channelBindings', 'must name at least one binding type');
  }
  const config: ScramConfig = {
    name: `SCRAM-${hash}${bindings === undefined ? '' : '-PLUS'}`,
    hash,
    nonce: options.nonce ?? randomNonce,
    minIterations,
    maxIterations,
    ...(bindings === undefined ? {} : { channelBindings: Object.freeze([...bindings]) }),
  };
  return Object.freeze({
    name: config.name,
    clientFirst: true,
    credentialKinds: Object.freeze(['password']),
    redaction: 'all',
    ...(config.channelBindings === undefined ? {} : { channelBindings: config.channelBindings }),
    create: (context?: SaslLoginContext): SaslMechanism => new ScramSession(config, context),
  });
}

/** SCRAM-SHA-1 (RFC 5802) with default options. */
export const scramSha1: SaslMechanismDefinition = createScram('SHA-1');

/** SCRAM-SHA-256 (RFC 7677) with default options. */
export const scramSha256: SaslMechanismDefinition = createScram('SHA-256');

/** SCRAM-SHA-512 (draft-melnikov-scram-sha-512) with default options. */
export const scramSha512: SaslMechanismDefinition = createScram('SHA-512');

/** SCRAM-SHA-1-PLUS (RFC 5802 with channel binding). */
export const scramSha1Plus: SaslMechanismDefinition = createScram('SHA-1', {
  channelBindings: SCRAM_CHANNEL_BINDINGS,
});

/** SCRAM-SHA-256-PLUS (RFC 7677 with channel binding). */
export const scramSha256Plus: SaslMechanismDefinition = createScram('SHA-256', {
  channelBindings: SCRAM_CHANNEL_BINDINGS,
});

/** SCRAM-SHA-512-PLUS (with channel binding). */
export const scramSha512Plus: SaslMechanismDefinition = createScram('SHA-512', {
  channelBindings: SCRAM_CHANNEL_BINDINGS,
});
