/**
 * @switchboard/profile-messenger: Windows Live Messenger over XMPP.
 * @packageDocumentation
 */
export { MessengerProfile, messengerProfile } from './MessengerProfile';
export { default, messengerBindings, messengerModule } from './messengerModule';
export { decodeRedirectToken, xMessengerOAuth2 } from './xMessengerOAuth2';
