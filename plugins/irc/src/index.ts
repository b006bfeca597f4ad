/**
 * @switchboard/irc: the base IRC plugin of Switchboard (`IrcPlugin`, `ircModule`) and the
 * protocol layer it is built on: parsing and writing IRC lines with IRCv3 tags, framing the byte
 * stream, splitting long messages, capability negotiation, ISUPPORT, SASL framing and numerics,
 * and outbound flood control.
 * @packageDocumentation
 */

export { DEFAULT_FLOOD, floodOptions } from './connection/floodOptions';
export type { IrcConnectionOptions, WriteOptions } from './connection/IrcConnection';
export { IrcConnection } from './connection/IrcConnection';
export type { IrcEndpoint } from './connection/ircEndpoint';
export { ircEndpoint, splitAddress } from './connection/ircEndpoint';
export type { CatchUpOptions, CatchUpReport } from './history/catchUp';
export { catchUp } from './history/catchUp';
export type { HistoryQueriesOptions, SessionCatchUp } from './history/HistoryQueries';
export { HistoryQueries } from './history/HistoryQueries';
export { IrcPlugin, ircDefaults } from './IrcPlugin';
export { default, ircBindings, ircModule } from './ircModule';
export { nickAfterCollision } from './registration/nickAfterCollision';
export type { StsPolicy } from './registration/StsPolicies';
export { parseSts, StsPolicies } from './registration/StsPolicies';
export { WANTED_CAPS } from './registration/wantedCaps';
export {
  AUTHENTICATE_CHUNK,
  AuthenticateAssembler,
  authenticateChunks,
} from './sasl/authenticateChunks';
export { loggedInAccount, saslMechanisms, saslNumericError } from './sasl/saslNumerics';
export type { IrcContinuation } from './session/IrcContinuation';
export { IrcSession } from './session/IrcSession';
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
