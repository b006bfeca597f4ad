/**
 * @switchboard/profile-gtalk: Google Talk over XMPP.
 * @packageDocumentation
 */
export { GtalkProfile, gtalkProfile } from './GtalkProfile';
export { default, gtalkBindings, gtalkModule } from './gtalkModule';
export { xGoogleToken } from './xGoogleToken';
export type { XOAuth2Options } from './xOAuth2';
export { createXOAuth2, xOAuth2 } from './xOAuth2';
