/**
 * @switchboard/testing: a real Prosody on loopback for Switchboard's tests and for profile
 * authors, provider emulation (Prosody modules for Live Messenger, Facebook, Google Talk and
 * OAUTHBEARER logins, with a token table), a local OAuth2 authorization server that issues into
 * that table, an authoritative DNS server on loopback (SRV, A and AAAA records), a wire tap that
 * records what crossed the socket (with added latency and a round-trip count, if asked), a fault proxy that resets, freezes and thaws connections one
 * by one, and a message ledger that counts what was lost, duplicated or reordered end to end;
 * a real ergo IRC server on loopback (SASL PLAIN, EXTERNAL, SCRAM-SHA-256) with a raw IRC client.
 * Arbitraries for property tests (fast-check) of SASL mechanisms are in
 * `@switchboard/testing/property`.
 * @packageDocumentation
 */

export { AccountRecorder, RecorderAborted } from './conformance/AccountRecorder';
export type {
  ConformanceContext,
  ConformanceCredentials,
  ConformanceEmulation,
  ConformanceScenario,
  ProfileConformanceOptions,
} from './conformance/ConformanceOptions';
export type { ConformancePeer, PeerMessage } from './conformance/ConformancePeer';
export type { TokenCredentialOptions } from './conformance/credentials';
export { passwordCredentials, tokenCredentials } from './conformance/credentials';
export { describeProfileConformance } from './conformance/describeProfileConformance';
export type { HonourContext, HonourProbe } from './conformance/honourProbes';
export { describeIrcProfileConformance } from './conformance/irc/describeIrcProfileConformance';
export type {
  IrcConformanceScenario,
  IrcProfileConformanceOptions,
} from './conformance/irc/IrcConformanceOptions';
export type { IrcPeerOptions, TypingState } from './conformance/irc/IrcPeer';
export { IrcPeer } from './conformance/irc/IrcPeer';
export type { JabberPeerOptions, PeerPresence } from './conformance/JabberPeer';
export { JabberPeer } from './conformance/JabberPeer';
export type {
  PeerScenario,
  ProtocolExpectations,
  ScenarioRun,
  TestAccount,
} from './conformance/ScenarioRun';
export type { XmlElement } from './conformance/StanzaReader';
export type { DnsFailure, DnsQuery, DnsSrvRecord, DnsZone } from './dns/DnsZone';
export type { DnsServer } from './dns/startDnsServer';
export { startDnsServer } from './dns/startDnsServer';
export { listCapabilities } from './ergo/capabilities';
export type { ErgoAccount, ErgoOptions, ErgoServer } from './ergo/ErgoOptions';
export type { IrcLineClientOptions } from './ergo/IrcLineClient';
export { IrcLineClient } from './ergo/IrcLineClient';
export type { ClientCertificate } from './ergo/makeClientCertificate';
export { certificateFingerprint, makeClientCertificate } from './ergo/makeClientCertificate';
export type { IrcLine } from './ergo/parseIrcLine';
export { parseIrcLine } from './ergo/parseIrcLine';
export { startErgo } from './ergo/startErgo';
export type { DownstreamMode } from './faults/DownstreamWriter';
export type { ConnectionSelector, FaultProxy, FaultProxyOptions } from './faults/FaultProxy';
export type { LedgerEntry, LedgerReport, LostBlock } from './faults/LedgerReport';
export type { MessageSource } from './faults/MessageLedger';
export { MessageLedger } from './faults/MessageLedger';
export type {
  ProxiedConnectionInfo,
  ProxyDirection,
  RecordedChunk,
} from './faults/ProxiedConnection';
export { startFaultProxy } from './faults/startFaultProxy';
export type { HostileLayer, ReceivedChunk } from './hostile/HostileConnection';
export type { HostileData, HostileStep, StepContext } from './hostile/HostileStep';
export {
  closeConnection,
  expectData,
  sendData,
  startTls,
  waitFor,
} from './hostile/HostileStep';
export type { HostileCertificate, HostileCertificates } from './hostile/hostileCertificates';
export { makeHostileCertificates, WRONG_HOST } from './hostile/hostileCertificates';
export type {
  HostileAttempt,
  HostileHarness,
  HostileHarnessOptions,
} from './hostile/hostileHarness';
export { createHostileHarness } from './hostile/hostileHarness';
export type { ProcessFault, ProcessFaultRecorder } from './hostile/recordProcessFaults';
export { recordProcessFaults } from './hostile/recordProcessFaults';
export type {
  HostileScript,
  HostileServer,
  HostileServerOptions,
} from './hostile/startHostileServer';
export { startHostileServer } from './hostile/startHostileServer';
export {
  answerStreamClose,
  bindResource,
  enableStreamManagement,
  expectSaslAuth,
  expectSaslResponse,
  expectSmAck,
  expectSmResume,
  expectStreamHeader,
  negotiateTls,
  openStream,
  saslPayload,
} from './hostile/xmppSteps';
export {
  bindFeature,
  bindResult,
  mechanismsFeature,
  NS_SASL,
  NS_SM,
  NS_TLS,
  saslElement,
  saslFailure,
  sizedStanza,
  smAck,
  smEnabled,
  smFailed,
  smFeature,
  smRequest,
  smResumed,
  starttlsFeature,
  streamError,
  streamFeatures,
  streamHeader,
  tlsFailure,
  tlsProceed,
} from './hostile/xmppText';
export { freePort } from './net/freePort';
export type { OAuthIssued, OAuthRequestRecord, OAuthServer } from './oauth/OAuthServer';
export type { OAuthServerOptions, OAuthTokenFormat } from './oauth/OAuthServerOptions';
export { startOAuthServer } from './oauth/startOAuthServer';
export type {
  ProsodyAuthentication,
  ProsodyHost,
  ProsodyOptions,
  ProsodyTls,
  ProsodyUser,
} from './prosody/ProsodyOptions';
export type { ProsodyServer } from './prosody/ProsodyServer';
export { startProsody } from './prosody/startProsody';
export { luaModulesDir } from './providers/luaModulesDir';
export type {
  CustomEmulation,
  FacebookEmulation,
  GtalkEmulation,
  LuaSetting,
  MessengerEmulation,
  OAuthBearerEmulation,
  ProviderEmulation,
} from './providers/ProviderEmulation';
export type { TokenGrant } from './providers/TokenTable';
export { TokenTable } from './providers/TokenTable';
export { withProviders } from './providers/withProviders';
export type { TokenEntry } from './providers/writeTokenTable';
export { writeTokenTable } from './providers/writeTokenTable';
export type {
  Flight,
  RoundTripOptions,
  TimedChunk,
} from './wire/countRoundTrips';
export { clientFlights, countRoundTrips } from './wire/countRoundTrips';
export type { WireChunk, WireTap, WireTapOptions } from './wire/startWireTap';
export { startWireTap } from './wire/startWireTap';
