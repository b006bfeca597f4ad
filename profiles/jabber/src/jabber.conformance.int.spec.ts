import { describeProfileConformance, passwordCredentials } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { jabberModule } from './jabberModule';

describeProfileConformance({
  profile: 'jabber',
  modules: [xmppModule, jabberModule],
  domain: 'jabber.conformance.test',
  mechanism: 'SCRAM-SHA-256',
  credentials: passwordCredentials(),
});
