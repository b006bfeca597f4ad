/**
 * XEP-0202 Entity Time, a third-party extension, on a real Prosody (with its `mod_time`): one
 * account answers through a profile-level extension (a profile overriding `extensions()`), the
 * other asks it, and the server, through a host-level one (`account.use()`); service discovery
 * of the account lists `urn:xmpp:time` while the extension is attached.
 * Only public packages are imported.
 */
import {
  type Account,
  ContainerModule,
  injectable,
  injectFromBase,
  type ProfileDescriptor,
  ProfilePluginToken,
  type SessionRequest,
  Switchboard,
} from '@switchboard/core';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import {
  defineXmppExtension,
  type XmppExtension,
  type XmppExtensionContext,
  XmppPlugin,
  xml,
  xmppDefaults,
  xmppModule,
} from '@switchboard/xmpp';
import { entityTime, NS_TIME } from './index';

const DOMAIN = 'time.test';
const BOB_CLOCK = new Date('2024-05-06T07:08:09.123Z');

/** A profile whose every session answers entity time with a fixed clock at +02:00. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
class TimedProfile extends XmppPlugin {
  override readonly profile: ProfileDescriptor = { ...xmppDefaults, id: 'timed', name: 'Timed' };

  protected override extensions(_request: SessionRequest): readonly XmppExtension[] {
    return [entityTime({ now: () => BOB_CLOCK, offsetMinutes: () => 120 })];
  }
}

function probe(): { extension: XmppExtension; context: () => XmppExtensionContext } {
  let context: XmppExtensionContext | undefined;
  return {
    extension: defineXmppExtension({
      name: 'probe',
      attach: (c) => {
        context = c;
        return undefined;
      },
    }),
    context: () => {
      if (context === undefined) throw new Error('not attached');
      return context;
    },
  };
}

async function discoFeatures(asker: XmppExtensionContext, to: string): Promise<string[]> {
  return asker.request('get', xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }), {
    to,
    parse: (reply) => (reply?.getChildren('feature') ?? []).map((f) => f.attrs.var ?? ''),
  });
}

describe('XEP-0202 entity time as an extension, on a real Prosody', () => {
  let server: ProsodyServer;
  const switchboard = Switchboard.create({
    modules: [
      xmppModule,
      new ContainerModule(({ bind }) => {
        bind(ProfilePluginToken).to(XmppPlugin).inSingletonScope();
        bind(ProfilePluginToken).to(TimedProfile).inSingletonScope();
      }),
    ],
  });
  const open: Account[] = [];

  beforeAll(async () => {
    server = await startProsody({
      modules: ['time'],
      hosts: [
        {
          domain: DOMAIN,
          users: [
            { username: 'alice', password: 'alice-pw' },
            { username: 'bob', password: 'bob-pw' },
            { username: 'carol', password: 'carol-pw' },
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

  async function online(user: string, profile = 'xmpp'): Promise<Account> {
    const account = switchboard.createAccount({
      id: `${user}-${profile}`,
      profile,
      address: `${user}@${DOMAIN}`,
      credential: { kind: 'password', password: `${user}-pw` },
      server: { host: server.host, port: server.port },
      tls: { ca: server.ca },
      reconnect: false,
      liveness: false,
    });
    open.push(account);
    await account.connect();
    return account;
  }

  it('when a contact on a profile with the extension is asked, its answer comes back typed', async () => {
    const bob = await online('bob', 'timed');
    const alice = await online('alice');
    const time = entityTime();
    alice.use(time);
    await expect(time.query(bob.address ?? '')).resolves.toEqual({
      tzo: '+02:00',
      utc: BOB_CLOCK,
    });
  });

  it("when the server is asked, Prosody's mod_time answers with its clock", async () => {
    const alice = await online('alice');
    const time = entityTime();
    alice.use(time);
    const before = Date.now();
    const answer = await time.query(DOMAIN);
    expect(answer.tzo).toMatch(/^(Z|[+-]\d\d:\d\d)$/);
    // Prosody's clock has whole seconds.
    expect(answer.utc.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(answer.utc.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('when another account asks, disco#info lists urn:xmpp:time only while the extension is attached', async () => {
    const asker = probe();
    const carol = await online('carol');
    (await online('alice')).use(asker.extension);
    const to = carol.address ?? '';
    expect(await discoFeatures(asker.context(), to)).not.toContain(NS_TIME);
    const remove = carol.use(entityTime());
    expect(await discoFeatures(asker.context(), to)).toContain(NS_TIME);
    remove();
    expect(await discoFeatures(asker.context(), to)).not.toContain(NS_TIME);
  });

  it('when the contact has no entity time, the query rejects with service-unavailable', async () => {
    const carol = await online('carol');
    const alice = await online('alice');
    const time = entityTime();
    alice.use(time);
    await expect(time.query(carol.address ?? '')).rejects.toMatchObject({
      code: 'SB_STANZA_ERROR',
      details: { condition: 'service-unavailable' },
    });
  });

  it('when the account is offline, the query rejects with SB_ACCOUNT_STATE', async () => {
    const time = entityTime();
    await expect(time.query(DOMAIN)).rejects.toMatchObject({ code: 'SB_ACCOUNT_STATE' });
  });
});
