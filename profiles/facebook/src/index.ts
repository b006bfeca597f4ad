/**
 * @switchboard/profile-facebook: Facebook Chat over XMPP.
 * @packageDocumentation
 */
export { FacebookProfile, facebookProfile } from './FacebookProfile';
export { default, facebookBindings, facebookModule } from './facebookModule';
export type { XFacebookPlatformOptions } from './xFacebookPlatform';
export { createXFacebookPlatform, xFacebookPlatform } from './xFacebookPlatform';
