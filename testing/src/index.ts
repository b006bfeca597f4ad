/**
 * @switchboard/testing: a real Prosody on loopback for Switchboard's tests and for profile
 * authors, provider emulation (Prosody modules for Live Messenger, Facebook, Google Talk and
 * OAUTHBEARER logins, with a token table), a local OAuth2 authorization server that issues into
 * that table, plus a wire tap that records what crossed the socket.
 * @packageDocumentation
 */
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
  FacebookEmulation,
  GtalkEmulation,
  MessengerEmulation,
  OAuthBearerEmulation,
  ProviderEmulation,
} from './providers/ProviderEmulation';
export type { TokenGrant } from './providers/TokenTable';
export { TokenTable } from './providers/TokenTable';
export { withProviders } from './providers/withProviders';
export type { TokenEntry } from './providers/writeTokenTable';
export { writeTokenTable } from './providers/writeTokenTable';
export type { WireChunk, WireTap, WireTapOptions } from './wire/startWireTap';
export { startWireTap } from './wire/startWireTap';
