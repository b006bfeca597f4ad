/**
 * @switchboard/sasl: the SASL mechanisms of Switchboard, protocol-neutral, for the core
 * mechanism registry: SCRAM-SHA-512, SCRAM-SHA-256 (RFC 7677) and SCRAM-SHA-1 (RFC 5802), each
 * also with channel binding (-PLUS), with XEP-0474 downgrade protection and the account's key
 * cache, the FAST token mechanisms HT-SHA-256-EXPR/ENDP/UNIQ/NONE (XEP-0484), PLAIN (RFC 4616)
 * and ANONYMOUS (RFC 4505) in `standardMechanisms`, plus OAUTHBEARER (RFC 7628), EXTERNAL
 * (RFC 4422 Appendix A) and ECDSA-NIST256P-CHALLENGE (Atheme), which a plugin or profile
 * registers when it uses them. Each protocol plugin keeps only the wire framing.
 * @packageDocumentation
 */
export { anonymous } from './anonymous';
export { ECDSA_P256_CREDENTIAL, ecdsaNist256pChallenge } from './ecdsaNist256pChallenge';
export { CERTIFICATE_CREDENTIAL, external } from './external';
export type { HashedTokenBinding } from './hashedToken';
export {
  createHashedToken,
  FAST_TOKEN_CREDENTIAL,
  htSha256Endp,
  htSha256Expr,
  htSha256None,
  htSha256Uniq,
} from './hashedToken';
export type {
  OAuthBearerDefinition,
  OAuthBearerMechanism,
  OAuthBearerServerError,
} from './oauthbearer';
export { oauthbearer } from './oauthbearer';
export { plain } from './plain';
export type { ScramOptions } from './scram';
export {
  createScram,
  SCRAM_CHANNEL_BINDINGS,
  scramSha1,
  scramSha1Plus,
  scramSha256,
  scramSha256Plus,
  scramSha512,
  scramSha512Plus,
} from './scram';
export type { ScramHash } from './scramKeys';
export { ssdpString } from './ssdp';
export { standardMechanisms } from './standardMechanisms';
