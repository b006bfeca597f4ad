/**
 * Extensions on a real Prosody: IQ answers and requests between two accounts, service discovery
 * of the account, service-unavailable for requests nobody answers (RFC 6120 §8.4), checked raw
 * sends seen by another account's stanza handler, and misbehaving extensions contained.
 */
import { inspect } from 'node:util';
import {
  type Account,
  ContainerModule,
  ProfilePluginToken,
  Switchboard,
  SwitchboardError,
} from '@switchboard/core';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { XmppPlugin } from '../XmppPlugin';
import { xmppModule } from '../xmppModule';
import { stanzaError } from './stanzaError';
import {
  defineXmppExtension,
  type OnlineInfo,
  type XmppExtension,
  type XmppExtensionContext,
} from './XmppExtension';
import { type XmlElement, xml } from './xmlElement';

const DOMAIN = 'extensions.test';
const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';
const NS_ECHO = 'urn:example:echo';

/** An extension that hands its context to the test. */
function probe(name = 'probe'): { extension: XmppExtension; context: () => XmppExtensionContext } {
  let context: XmppExtensionContext | undefined;
  const extension = defineXmppExtension({
    name,
    attach: (c) => {
      context = c;
      return undefined;
    },
  });
  return {
    extension,
    context: () => {
      if (context === undefined) throw new Error('not attached');
      return context;
    },
  };
}

/** Answers `<echo xmlns='urn:example:echo'>text</echo>` with the same text, upper-cased. */
const echo = defineXmppExtension({
  name: 'echo',
  features: [NS_ECHO],
  attach: (context) => {
    context.answerIq('get', NS_ECHO, 'echo', ({ child }) =>
      xml('echo', { xmlns: NS_ECHO }, child.text().toUpperCase()),
    );
    return undefined;
  },
});

function features(reply: XmlElement | undefined): string[] {
  return (reply?.getChildren('feature') ?? []).map((f) => f.attrs.var ?? '');
}

describe('XmppExtension on a real Prosody', () => {
  let server: ProsodyServer;
  const switchboard = Switchboard.create({
    modules: [
      xmppModule,
      new ContainerModule(({ bind }) => {
        bind(ProfilePluginToken).to(XmppPlugin).inSingletonScope();
      }),
    ],
  });
  const open: Account[] = [];

  beforeAll(async () => {
    server = await startProsody({
      hosts: [
        {
          domain: DOMAIN,
          users: [
            { username: 'alice', password: 'alice-pw' },
            { username: 'bob', password: 'bob-pw' },
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

  function account(user: string): Account {
    const made = switchboard.createAccount({
      id: `${user}-${open.length}-${Date.now()}`,
      profile: 'xmpp',
      address: `${user}@${DOMAIN}`,
      credential: { kind: 'password', password: `${user}-pw` },
      server: { host: server.host, port: server.port },
      tls: { ca: server.ca },
      reconnect: false,
      liveness: false,
      maxMessageBytes: 4096,
    });
    open.push(made);
    return made;
  }

  async function online(user: string, ...extensions: XmppExtension[]): Promise<Account> {
    const made = account(user);
    for (const extension of extensions) made.use(extension);
    await made.connect();
    return made;
  }

  describe('answerIq and request', () => {
    it('when a peer asks, the extension answers across the server, and disco#info lists its feature', async () => {
      const asker = probe();
      const bob = await online('bob', echo);
      await online('alice', asker.extension);
      const ctx = asker.context();
      const text = await ctx.request('get', xml('echo', { xmlns: NS_ECHO }, 'hello'), {
        to: bob.address ?? '',
        parse: (reply) => reply?.text(),
      });
      expect(text).toBe('HELLO');
      const disco = await ctx.request('get', xml('query', { xmlns: NS_DISCO_INFO }), {
        to: bob.address ?? '',
        parse: (reply) => reply,
      });
      expect(disco?.getChild('identity')?.attrs).toMatchObject({ category: 'client', type: 'pc' });
      expect(features(disco)).toEqual(
        expect.arrayContaining([NS_ECHO, NS_DISCO_INFO, 'urn:xmpp:ping']),
      );
    });

    it('when nobody answers a namespace, the peer gets service-unavailable; after remove() the extension no longer answers', async () => {
      const asker = probe();
      const bob = await online('bob');
      const remove = bob.use(echo);
      await online('alice', asker.extension);
      const ctx = asker.context();
      const ask = (): Promise<unknown> =>
        ctx.request('get', xml('echo', { xmlns: NS_ECHO }, 'x'), {
          to: bob.address ?? '',
          parse: (reply) => reply?.text(),
        });
      await expect(ask()).resolves.toBe('X');
      remove();
      await expect(ask()).rejects.toMatchObject({
        code: 'SB_STANZA_ERROR',
        details: { condition: 'service-unavailable' },
      });
      const disco = await ctx.request('get', xml('query', { xmlns: NS_DISCO_INFO }), {
        to: bob.address ?? '',
        parse: features,
      });
      expect(disco).not.toContain(NS_ECHO);
    });

    it('when the server answers an error, request rejects with SB_STANZA_ERROR and its condition', async () => {
      const asker = probe();
      await online('alice', asker.extension);
      const error = await asker
        .context()
        .request('get', xml('query', { xmlns: 'urn:example:unknown' }), { parse: () => 1 })
        .catch((e: unknown) => e);
      expect(SwitchboardError.is(error, 'SB_STANZA_ERROR')).toBe(true);
      expect((error as SwitchboardError).details.condition).toBe('service-unavailable');
    });
  });

  describe('misbehaving extensions', () => {
    it('when a handler throws, the peer gets internal-server-error, the account an error event, and the session goes on', async () => {
      const asker = probe();
      const broken = defineXmppExtension({
        name: 'broken',
        attach: (context) => {
          context.answerIq('get', 'urn:example:boom', 'boom', () => {
            throw new Error('boom');
          });
          context.answerIq('get', 'urn:example:deny', 'deny', () => {
            throw stanzaError('forbidden', { text: 'not for you' });
          });
          return undefined;
        },
      });
      const bob = await online('bob', broken);
      const errors: SwitchboardError[] = [];
      bob.on('error', (e) => errors.push(e));
      await online('alice', asker.extension);
      const to = bob.address ?? '';
      const ask = (ns: string, name: string): Promise<unknown> =>
        asker
          .context()
          .request('get', xml(name, { xmlns: ns }), { to, parse: () => 'answered' })
          .catch((e: unknown) => e);
      expect(await ask('urn:example:boom', 'boom')).toMatchObject({
        code: 'SB_STANZA_ERROR',
        details: { condition: 'internal-server-error' },
      });
      expect(await ask('urn:example:deny', 'deny')).toMatchObject({
        code: 'SB_STANZA_ERROR',
        details: { condition: 'forbidden', type: 'auth', text: 'not for you' },
      });
      expect(errors).toEqual([
        expect.objectContaining({
          code: 'SB_EXTENSION_FAILED',
          details: expect.objectContaining({ extension: 'broken' }),
        }),
      ]);
      expect(errors[0]?.cause).toEqual(new Error('boom'));
      expect(bob.state).toBe('online');
      await expect(bob.ping()).resolves.toBeGreaterThanOrEqual(0);
    });

    it('when an extension answers a namespace the library owns, use() throws SB_EXTENSION_INVALID and nothing stays attached', async () => {
      const roster = defineXmppExtension({
        name: 'roster-thief',
        features: ['urn:example:thief'],
        attach: (context) => {
          context.answerIq('set', 'jabber:iq:roster', 'query', () => undefined);
          return undefined;
        },
      });
      const bob = await online('bob');
      expect(() => bob.use(roster)).toThrow(
        expect.objectContaining({
          code: 'SB_EXTENSION_INVALID',
          details: expect.objectContaining({ reason: 'owned' }),
        }),
      );
      // Not kept for later sessions either, and another extension of that name can be used.
      expect(() => bob.use({ ...echo, name: 'roster-thief' })).not.toThrow();
    });

    it('when an extension is for another protocol or its name is taken, use() throws SB_EXTENSION_INVALID', () => {
      const alice = account('alice');
      expect(() => alice.use({ protocol: 'irc', name: 'x' })).toThrow(
        expect.objectContaining({
          code: 'SB_EXTENSION_INVALID',
          details: { extension: 'x', reason: 'protocol' },
        }),
      );
      alice.use(echo);
      expect(() => alice.use({ ...echo })).toThrow(
        expect.objectContaining({
          code: 'SB_EXTENSION_INVALID',
          details: expect.objectContaining({ reason: 'duplicate' }),
        }),
      );
    });

    it('when attach throws on connect, the login fails with SB_EXTENSION_FAILED', async () => {
      const alice = account('alice');
      alice.use(
        defineXmppExtension({
          name: 'explodes',
          attach: () => {
            throw new TypeError('bad');
          },
        }),
      );
      await expect(alice.connect()).rejects.toMatchObject({
        code: 'SB_EXTENSION_FAILED',
        details: { extension: 'explodes' },
      });
    });
  });

  describe('send, onStanza and onOnline', () => {
    it('sends a checked raw stanza that a peer extension observes, and refuses what cannot be sent', async () => {
      const sender = probe();
      const seen: string[] = [];
      const watcher = defineXmppExtension({
        name: 'watcher',
        attach: (context) => {
          context.onStanza({ name: 'message', namespace: 'urn:example:poke' }, (stanza) => {
            seen.push(stanza.getChild('poke')?.attrs.n ?? '');
          });
          return undefined;
        },
      });
      const bob = await online('bob', watcher);
      await online('alice', sender.extension);
      const ctx = sender.context();
      const to = bob.address ?? '';
      const poke = (n: string): XmlElement =>
        xml('message', { to, type: 'chat' }, xml('poke', { xmlns: 'urn:example:poke', n }));
      await ctx.send(poke('1'));
      await expect(ctx.send(poke('\u0001'))).rejects.toMatchObject({
        code: 'SB_CONTENT_INVALID',
        details: { reason: 'invalid-character' },
      });
      await expect(
        ctx.send(xml('message', { to }, xml('body', {}, 'x'.repeat(5000)))),
      ).rejects.toMatchObject({ code: 'SB_MESSAGE_TOO_LARGE', details: { limit: 4096 } });
      await expect(ctx.send(xml('r', { xmlns: 'urn:xmpp:sm:3' }))).rejects.toMatchObject({
        code: 'SB_CONTENT_INVALID',
        details: { reason: 'not-a-stanza' },
      });
      await ctx.send(poke('2'));
      // A round trip to bob after the second poke: everything before it has arrived.
      await ctx.request('get', xml('ping', { xmlns: 'urn:xmpp:ping' }), { to, parse: () => 0 });
      expect(seen).toEqual(['1', '2']);
    });

    it('tells the extension the stream features and address once online, and never the credential', async () => {
      const infos: OnlineInfo[] = [];
      const sender = probe('features');
      const onOnline = defineXmppExtension({
        name: 'online',
        attach: (context) => {
          context.onOnline((info) => infos.push(info));
          return undefined;
        },
      });
      const alice = await online('alice', onOnline, sender.extension);
      expect(infos).toHaveLength(1);
      expect(infos[0]?.address).toBe(alice.address);
      expect(infos[0]?.resumed).toBe(false);
      expect(infos[0]?.features.getChild('sm', 'urn:xmpp:sm:3')).toBeDefined();
      const ctx = sender.context();
      expect(ctx.address).toBe(alice.address);
      expect(ctx.features?.is('features', 'http://etherx.jabber.org/streams')).toBe(true);
      expect(inspect(ctx, { depth: 8, getters: true })).not.toContain('alice-pw');
      expect(JSON.stringify(Object.keys(ctx))).not.toMatch(/credential|password|sasl/i);
    });

    it('attaches the account’s extensions to the next session after a reconnect', async () => {
      const asker = probe();
      const bob = await online('bob', echo);
      await bob.disconnect();
      await bob.connect();
      await online('alice', asker.extension);
      await expect(
        asker.context().request('get', xml('echo', { xmlns: NS_ECHO }, 'again'), {
          to: bob.address ?? '',
          parse: (reply) => reply?.text(),
        }),
      ).resolves.toBe('AGAIN');
    });
  });
});
