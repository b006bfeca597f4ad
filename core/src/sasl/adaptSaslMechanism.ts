import type { CredentialKind } from '../credentials/Credential';
import { bytesToUtf8 } from './bytes';
import type {
  SaslCredentials,
  SaslMechanism,
  SaslMechanismDefinition,
  SaslRedaction,
} from './SaslMechanism';

/**
 * A mechanism class in the saslmechanisms convention (npm `sasl-plain`, `sasl-anonymous`,
 * `sasl-scram-sha-1`, ...): `name` and `clientFirst` on the prototype, a no-argument
 * constructor, `response(cred)` returning a string and `challenge(chal)` taking a string.
 */
export interface SaslmechanismsClass {
  new (): {
    response(credentials: Record<string, unknown>): string | undefined | null;
    challenge(challenge: string): unknown;
  };
  readonly prototype: { readonly name?: string; readonly clientFirst?: boolean };
}

/** What the convention does not say about a mechanism, supplied when adapting it. */
export interface AdaptOptions {
  /** Credential kinds it can use (e.g. `['password']`); `[]` for none. */
  readonly credentialKinds: readonly CredentialKind[];
  /** Overrides the prototype's name. */
  readonly name?: string;
  /** May it run on an unencrypted stream? Default: no. */
  readonly allowInsecure?: boolean;
  readonly redaction?: SaslRedaction;
}

/**
 * Registers an unchanged saslmechanisms-style mechanism from npm. Challenges are handed to it as
 * UTF-8 text and its string responses are UTF-8 encoded.
 */
export function adaptSaslMechanism(
  Mech: SaslmechanismsClass,
  options: AdaptOptions,
): SaslMechanismDefinition {
  const name = options.name ?? Mech.prototype.name;
  if (typeof name !== 'string' || name.length === 0) {
    throw new TypeError('adaptSaslMechanism: the mechanism has no name; pass options.name.');
  }
  const clientFirst = Mech.prototype.clientFirst === true;
  return {
    name,
    clientFirst,
    credentialKinds: options.credentialKinds,
    ...(options.allowInsecure === undefined ? {} : { allowInsecure: options.allowInsecure }),
    ...(options.redaction === undefined ? {} : { redaction: options.redaction }),
    create(): SaslMechanism {
      const inner = new Mech();
      return {
        name,
        clientFirst,
        response: (credentials: SaslCredentials) => inner.response({ ...credentials }),
        challenge: (data: Uint8Array) => inner.challenge(bytesToUtf8(data)),
      };
    },
  };
}
