/**
 * The ExampleNet profile on a local ergo, with the conformance kit: login with SCRAM-SHA-256
 * (ergo offers PLAIN too, which ExampleNet never uses), a refused password, messages both ways,
 * every capability ExampleNet lacks (typing, NOTICEs, rosters, vCards) refused before anything is
 * sent, and reconnect. Only public packages are imported.
 */
import { ircModule } from '@switchboard/irc';
import { describeIrcProfileConformance } from '@switchboard/testing';
import exampleNetModule from './index';

describeIrcProfileConformance({
  profile: 'example-net',
  modules: [ircModule, exampleNetModule],
  mechanism: 'SCRAM-SHA-256',
});
