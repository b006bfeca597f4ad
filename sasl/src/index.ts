/**
 * @switchboard/sasl: the SASL mechanisms of Switchboard, protocol-neutral, for the core
 * mechanism registry: SCRAM-SHA-256 (RFC 7677), SCRAM-SHA-1 (RFC 5802), PLAIN (RFC 4616) and
 * ANONYMOUS (RFC 4505) in `standardMechanisms`, plus OAUTHBEARER (RFC 7628), EXTERNAL
 * (RFC 4422 Appendix A) and ECDSA-NIST256P-CHALLENGE (Atheme), which a plugin or profile
 * registers when it uses them. Each protocol plugin keeps only the wire framing.
 * @packageDocumentation
 */
export { anonymous } from './anonymous';
export { ECDSA_P256_CREDENTIAL, ecdsaNist256pChallenge } from './ecdsaNist256pChallenge';
export { CERTIFICATE_CREDENTIAL, external } from './external';
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
