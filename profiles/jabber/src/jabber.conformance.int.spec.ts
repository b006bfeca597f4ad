import { describeProfileConformance, passwordCredentials } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { jabberModule } from './jabberModule';

describeProfileConformance({
  profile: 'jabber',
  modules: [xmppModule, jabberModule],
  domain: 'jabber.conformance.test',
  // TLS 1.3 with Prosody 13: SCRAM-SHA-256 bound to the channel (tls-exporter).
  mechanism: 'SCRAM-SHA-256-PLUS',
  credentials: passwordCredentials(),
});
