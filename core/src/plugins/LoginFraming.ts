/**
 * How a protocol framed the SASL exchange of one login and why, reported with the chosen
 * mechanism (`SessionSink.mechanismSelected`, the account's `mechanism` event). XMPP frames SASL
 * either in SASL2 (XEP-0388, with Bind2 and FAST) or in classic SASL (RFC 6120 §6).
 */

/**
 * Why this framing (and token use) was chosen:
 * - `sasl2-offered`: the server offered SASL2 and it was used;
 * - `sasl2-not-offered`: the server offers only classic SASL;
 * - `sasl2-off`: the account's `parameters.sasl2` is `'off'`, so classic SASL was used although
 *   SASL2 was offered;
 * - `fast-token`: a FAST token (XEP-0484) from an earlier login was used;
 * - `fast-token-refused`: the server refused the FAST token (it was forgotten); this is the
 *   password login that followed on the same stream.
 */
export type LoginFramingReason =
  | 'sasl2-offered'
  | 'sasl2-not-offered'
  | 'sasl2-off'
  | 'fast-token'
  | 'fast-token-refused';

/** The framing of one SASL exchange: see {@link LoginFramingReason}. */
export interface LoginFraming {
  /** `sasl2`: XEP-0388; `sasl`: the protocol's classic SASL profile. */
  readonly framing: 'sasl2' | 'sasl';
  /** True when the mechanism authenticates with a FAST token instead of the credential. */
  readonly fast: boolean;
  /** True when this exchange asks the server for a new FAST token. */
  readonly tokenRequested: boolean;
  readonly reason: LoginFramingReason;
}
