/**
 * SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 5802, RFC 7677), client side, without channel binding
 * (gs2 flag `n`). The server's signature is always verified.
 */
import type { SaslMechanism, SaslMechanismDefinition } from '@switchboard/core';
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
}

function randomNonce(): string {
  return toBase64(globalThis.crypto.getRandomValues(new Uint8Array(18)));
}

function checkIterationBound(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new SwitchboardError(
      'SB_CONFIG_INVALID',
      `createScram: ${field} must be a positive integer.`,
      {
        details: { field },
      },
    );
  }
  return value;
}

/**
 * A SCRAM mechanism definition for `hash` (RFC 5802; SCRAM-SHA-256 per RFC 7677), named
 * `SCRAM-SHA-1` or `SCRAM-SHA-256`. It sends `n,,n=<username>,r=<nonce>` (or
 * `n,a=<authzid>,...` when `credentials.authzid` is set), with `=` and `,` escaped, derives
 * SaltedPassword with one native WebCrypto PBKDF2 call, and verifies the server's `v=`
 * whether it comes with `<success/>` or as a last challenge (answered with an empty response).
 * Username, authzid and password are prepared with SASLprep (RFC 4013, as queries; see
 * `saslPrep.ts`). Needs a `password` credential and TLS; payloads are redacted, since a logged
 * proof allows an offline password search.
 *
 * Errors: SB_CONFIG_INVALID (missing credential, bad options, or a username, authzid or password
 * SASLprep refuses: `details.field` names it, `details.reason` says why, before anything is
 * sent), SB_SASL_MALFORMED_CHALLENGE
 * (server-first refused), SB_SASL_SERVER_VERIFICATION_FAILED (missing or wrong `v=`),
 * SB_SASL_FAILURE (server-final `e=`, with `details.condition`), SB_SASL_PROTOCOL (out of order).
 */
export function createScram(hash: ScramHash, options: ScramOptions = {}): SaslMechanismDefinition {
  if (hash !== 'SHA-1' && hash !== 'SHA-256') {
    throw new SwitchboardError(
      'SB_CONFIG_INVALID',
      'createScram: hash must be "SHA-1" or "SHA-256".',
      {
        details: { field: 'hash' },
      },
    );
  }
  const minIterations = checkIterationBound(options.minIterations ?? 4096, 'minIterations');
  const maxIterations = checkIterationBound(options.maxIterations ?? 1_000_000, 'maxIterations');
  if (maxIterations < minIterations) {
    throw new SwitchboardError(
      'SB_CONFIG_INVALID',
      'createScram: maxIterations is below minIterations.',
      {
        details: { field: 'maxIterations' },
      },
    );
  }
  const config: ScramConfig = {
    name: `SCRAM-${hash}`,
    hash,
    nonce: options.nonce ?? randomNonce,
    minIterations,
    maxIterations,
  };
  return Object.freeze({
    name: config.name,
    clientFirst: true,
    credentialKinds: Object.freeze(['password']),
    redaction: 'all',
    create: (): SaslMechanism => new ScramSession(config),
  });
}

/** SCRAM-SHA-1 (RFC 5802) with default options. */
export const scramSha1: SaslMechanismDefinition = createScram('SHA-1');

/** SCRAM-SHA-256 (RFC 7677) with default options. */
export const scramSha256: SaslMechanismDefinition = createScram('SHA-256');
