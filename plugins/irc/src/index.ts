/**
 * @switchboard/irc: the base IRC plugin of Switchboard. This release holds the protocol layer:
 * parsing and writing IRC lines with IRCv3 tags, framing the byte stream, splitting long messages,
 * capability negotiation, ISUPPORT, SASL framing and numerics, and outbound flood control.
 * @packageDocumentation
 */

export { nickAfterCollision } from './registration/nickAfterCollision';
export {
  AUTHENTICATE_CHUNK,
  AuthenticateAssembler,
  authenticateChunks,
} from './sasl/authenticateChunks';
export { loggedInAccount, saslMechanisms, saslNumericError } from './sasl/saslNumerics';
export type { BatchCollectorOptions, IrcBatch } from './wire/BatchCollector';
export { BatchCollector } from './wire/BatchCollector';
export type { CapabilityMap } from './wire/capabilities';
export { applyCapChange, CapLsCollector, capSubcommand, parseCapList } from './wire/capabilities';
export type { Casemapping } from './wire/casemapping';
export { foldCase, toCasemapping } from './wire/casemapping';
export type { IrcMessage, IrcServerSource, IrcSource, IrcUserSource } from './wire/IrcMessage';
export { CLIENT_TAG_BYTES, LINE_BYTES, MAX_PARAMS, TAGS_BYTES } from './wire/IrcMessage';
export { Isupport } from './wire/Isupport';
export type { LineReaderOptions } from './wire/LineReader';
export { LineReader } from './wire/LineReader';
export type { MalformedReason } from './wire/malformed';
export type { NumericName } from './wire/numerics';
export { Numerics } from './wire/numerics';
export { parseLine } from './wire/parseLine';
export type { SerializeOptions } from './wire/serialize';
export { serialize } from './wire/serialize';
export { serverTime } from './wire/serverTime';
export { messageBudget, splitText } from './wire/splitText';
export type { TokenBucketOptions } from './wire/TokenBucket';
export { TokenBucket } from './wire/TokenBucket';
export { escapeTagValue, unescapeTagValue } from './wire/tags';
