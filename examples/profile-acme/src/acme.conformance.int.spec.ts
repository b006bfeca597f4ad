/**
 * The Acme profile against the emulator, with the conformance kit: login with OAUTHBEARER, a bad
 * token, presence and messages with a peer, every capability Acme lacks refused before anything
 * is sent, and reconnect. Only public packages are imported; the profile is loaded by name.
 */
import { describeProfileConformance, tokenCredentials } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import acmeModule from './index';

const DOMAIN = 'chat.acme.test';

describeProfileConformance({
  profile: 'acme',
  modules: [xmppModule, acmeModule],
  domain: DOMAIN,
  mechanism: 'OAUTHBEARER',
  emulation: { providers: { oauthbearer: { domain: DOMAIN, scope: 'chat' } } },
  // RFC 6750 token syntax: letters, digits and -._~+/ with = padding.
  credentials: tokenCredentials({ kind: 'oauth2', token: 'acme-AT.0123456789~abc' }),
});
