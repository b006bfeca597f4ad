/**
 * SASLprep (RFC 4013) against the real Prosody, which prepares the stored password the same way
 * before it derives the SCRAM keys: passwords with a soft hyphen (mapped to nothing) or a
 * non-ASCII space (mapped to U+0020) log in with SCRAM-SHA-1 and SCRAM-SHA-256 (their -PLUS
 * twins, as the TLS 1.3 connection binds with tls-exporter); a password with a prohibited
 * character is refused before anything is sent.
 */
import {
  type Account,
  ContainerModule,
  ProfilePluginToken,
  type StanzaLogEntry,
  Switchboard,
} from '@switchboard/core';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { XmppPlugin } from '../XmppPlugin';
import { xmppModule } from '../xmppModule';

const DOMAIN = 'saslprep.test';
const SOFT_HYPHEN = 'soft\u00ADhyphen-pw';
const NO_BREAK_SPACE = 'no\u00A0break space';

describe('SCRAM with SASLprep on a real Prosody', () => {
  let server: ProsodyServer;
  const logged: StanzaLogEntry[] = [];
  const switchboard = Switchboard.create({
    modules: [
      xmppModule,
      new ContainerModule(({ bind }) => {
        bind(ProfilePluginToken).to(XmppPlugin).inSingletonScope();
      }),
    ],
    stanzaLog: (entry) => logged.push(entry),
  });
  const open: Account[] = [];
  let created = 0;

  beforeAll(async () => {
    server = await startProsody({
      hosts: [
        {
          domain: DOMAIN,
          users: [
            { username: 'hyphen', password: SOFT_HYPHEN },
            { username: 'space', password: NO_BREAK_SPACE },
          ],
        },
      ],
    });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((a) => a.disconnect()));
  });
  afterAll(async () => {
    await server?.stop();
  });

  function account(user: string, password: string, mechanism: string): Account {
    const made = switchboard.createAccount({
      id: `saslprep-${++created}`,
      profile: 'xmpp',
      address: `${user}@${DOMAIN}`,
      credential: { kind: 'password', password },
      mechanisms: [mechanism],
      server: { host: server.host, port: server.port },
      tls: { ca: server.ca },
      reconnect: false,
      liveness: false,
    });
    open.push(made);
    return made;
  }

  it.each([
    ['a soft hyphen (U+00AD)', 'SCRAM-SHA-1', 'hyphen', SOFT_HYPHEN],
    ['a soft hyphen (U+00AD)', 'SCRAM-SHA-256', 'hyphen', SOFT_HYPHEN],
    ['a non-ASCII space (U+00A0)', 'SCRAM-SHA-1', 'space', NO_BREAK_SPACE],
    ['a non-ASCII space (U+00A0)', 'SCRAM-SHA-256', 'space', NO_BREAK_SPACE],
  ])('when the password has %s, logs in with %s-PLUS', async (_, mechanism, user, password) => {
    const alice = account(user, password, mechanism);
    const chosen: string[] = [];
    alice.on('mechanism', (name) => chosen.push(name));
    await alice.connect();
    expect(alice.state).toBe('online');
    expect(chosen).toEqual([`${mechanism}-PLUS`]);
  });

  it('when the password has a prohibited character, fails with SB_CONFIG_INVALID and sends no <auth/>', async () => {
    const alice = account('hyphen', 'soft\u0007hyphen-pw', 'SCRAM-SHA-256');
    const error = await alice.connect().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'SB_CONFIG_INVALID',
      details: { mechanism: 'SCRAM-SHA-256-PLUS', field: 'password', reason: 'prohibited' },
    });
    const sent = logged.filter((e) => e.account === alice.id && e.direction === 'out');
    expect(sent.some((e) => e.text.startsWith('<starttls'))).toBe(true);
    expect(sent.filter((e) => e.text.startsWith('<auth'))).toEqual([]);
  });
});
