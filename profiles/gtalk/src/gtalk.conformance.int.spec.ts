import { describeProfileConformance, tokenCredentials } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { gtalkModule } from './gtalkModule';

const DOMAIN = 'gmail.conformance.test';

describeProfileConformance({
  profile: 'gtalk',
  modules: [xmppModule, gtalkModule],
  domain: DOMAIN,
  mechanism: 'X-OAUTH2',
  emulation: { providers: { gtalk: { domain: DOMAIN } } },
  credentials: tokenCredentials({
    kind: 'oauth2',
    token: 'ya29.conformance-google-token',
    mechanisms: ['X-OAUTH2'],
  }),
});
