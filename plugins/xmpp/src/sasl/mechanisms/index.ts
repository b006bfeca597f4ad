/**
 * The standard SASL mechanisms of `@switchboard/xmpp`: SCRAM-SHA-256 (RFC 7677),
 * SCRAM-SHA-1 (RFC 5802), PLAIN (RFC 4616) and ANONYMOUS (RFC 4505), plus OAUTHBEARER
 * (RFC 7628), which is exported but not part of `standardMechanisms`.
 */
export { anonymous } from './anonymous';
export type {
  OAuthBearerDefinition,
  OAuthBearerMechanism,
  OAuthBearerServerError,
} from './oauthbearer';
export { oauthbearer } from './oauthbearer';
export { plain } from './plain';
export type { ScramOptions } from './scram';
export { createScram, scramSha1, scramSha256 } from './scram';
export type { ScramHash } from './scramKeys';
export { standardMechanisms } from './standardMechanisms';
