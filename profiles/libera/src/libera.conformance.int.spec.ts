import { ircModule } from '@switchboard/irc';
import { describeIrcProfileConformance } from '@switchboard/testing';
import { liberaModule } from './liberaModule';

// ergo offers SCRAM-SHA-256 too, which Libera's profile does not allow: a password uses PLAIN.
describeIrcProfileConformance({
  profile: 'libera',
  modules: [ircModule, liberaModule],
  mechanism: 'PLAIN',
});
