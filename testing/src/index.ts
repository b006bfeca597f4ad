/**
 * @switchboard/testing: a real Prosody on loopback for Switchboard's tests and for profile
 * authors, plus a wire tap that records what crossed the socket.
 * @packageDocumentation
 */
export { freePort } from './net/freePort';
export type {
  ProsodyAuthentication,
  ProsodyHost,
  ProsodyOptions,
  ProsodyTls,
  ProsodyUser,
} from './prosody/ProsodyOptions';
export type { ProsodyServer } from './prosody/ProsodyServer';
export { startProsody } from './prosody/startProsody';
export type { WireChunk, WireTap, WireTapOptions } from './wire/startWireTap';
export { startWireTap } from './wire/startWireTap';
