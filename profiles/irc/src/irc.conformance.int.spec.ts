import { ircModule } from '@switchboard/irc';
import { describeIrcProfileConformance } from '@switchboard/testing';
import { ircProfileModule } from './ircProfileModule';

// ergo offers PLAIN, EXTERNAL and SCRAM-SHA-256: a password logs in with SCRAM-SHA-256.
describeIrcProfileConformance({
  profile: 'irc',
  modules: [ircModule, ircProfileModule],
  mechanism: 'SCRAM-SHA-256',
});
