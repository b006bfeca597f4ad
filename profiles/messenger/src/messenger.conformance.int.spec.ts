import { describeProfileConformance, tokenCredentials } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { messengerModule } from './messengerModule';

const DOMAIN = 'messenger.conformance.test';

describeProfileConformance({
  profile: 'messenger',
  modules: [xmppModule, messengerModule],
  domain: DOMAIN,
  mechanism: 'X-MESSENGER-OAUTH2',
  emulation: { providers: { messenger: { domain: DOMAIN } } },
  // A Live token as Live issued them: base64 text with '/', '+' and '=' in it.
  credentials: tokenCredentials({
    kind: 'oauth2',
    token: 'EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt/+GvwXwAAdKx+/8=',
  }),
});
