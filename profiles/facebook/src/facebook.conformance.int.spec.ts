import { describeProfileConformance, tokenCredentials } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { facebookModule } from './facebookModule';

const DOMAIN = 'facebook.conformance.test';
const APP_ID = '204512345678901';

describeProfileConformance({
  profile: 'facebook',
  modules: [xmppModule, facebookModule],
  domain: DOMAIN,
  mechanism: 'X-FACEBOOK-PLATFORM',
  emulation: { providers: { facebook: { domain: DOMAIN, apiKey: APP_ID } } },
  account: { parameters: { apiKey: APP_ID } },
  credentials: tokenCredentials({ kind: 'oauth2', token: 'CAAConformanceFacebookToken1' }),
});
