import type { SessionSink, SwitchboardError } from '@switchboard/core';
import xml, { type Element } from '@xmpp/xml';
import { RecentMessages } from '../sm/RecentMessages';
import { MessageTracking, type MessageTrackingOptions } from './MessageTracking';

const ME = 'alice@x.test/phone';
const CARBONS = 'urn:xmpp:carbons:2';
const RECEIPTS = 'urn:xmpp:receipts';

/** A tracking whose sink records every report as `kind: value`. */
function tracking(extra: Partial<MessageTrackingOptions> = {}) {
  const reports: [string, unknown][] = [];
  const sent: Element[] = [];
  const record =
    (kind: string) =>
    (value: unknown): void => {
      reports.push([kind, value]);
    };
  const sink = {
    message: record('message'),
    chatState: record('chatState'),
    ownMessage: record('ownMessage'),
    receipt: record('receipt'),
    refusedStanza: (e: SwitchboardError) => reports.push(['refused', e.code]),
  } as unknown as SessionSink;
  const tracked = new MessageTracking({
    sink,
    recent: new RecentMessages(),
    carbons: true,
    requests: { receipts: true, markers: true },
    answerReceipts: true,
    previous: undefined,
    ...extra,
  });
  tracked.attach({ address: () => ME, send: (e) => sent.push(e) });
  return { tracked, reports, sent };
}

const chat = (attrs: Record<string, string>, ...children: Element[]) =>
  xml('message', { type: 'chat', ...attrs }, ...children);
const body = (text: string) => xml('body', {}, text);
const carbon = (from: string, kind: 'sent' | 'received', inner: Element) =>
  xml(
    'message',
    { from, to: ME, type: 'chat' },
    xml(kind, { xmlns: CARBONS }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, inner)),
  );

describe(MessageTracking, () => {
  describe('.route', () => {
    it('when a carbon repeats a message received directly, reports it once', () => {
      const recent = new RecentMessages();
      const { tracked, reports } = tracking({ recent });
      const direct = chat({ from: 'bob@x.test/pc', to: ME, id: 'm1' }, body('hi'));
      // Not a carbon: routeInbound reports it, once (RecentMessages).
      expect(tracked.route(direct)).toBe(false);
      expect(recent.firstTime(direct)).toBe(true);
      const copy = chat({ from: 'bob@x.test/pc', to: 'alice@x.test/laptop', id: 'm1' }, body('hi'));
      expect(tracked.route(carbon('alice@x.test', 'received', copy))).toBe(true);
      expect(reports).toEqual([]);
    });

    it('refuses carbons from anyone but the bare JID, a full JID of the account included', () => {
      const { tracked, reports, sent } = tracking();
      const request = xml('request', { xmlns: RECEIPTS });
      const inner = chat(
        { from: 'alice@x.test/laptop', to: 'bob@x.test', id: 'm1' },
        body('x'),
        request,
      );
      for (const from of ['mallory@x.test', 'alice@x.test/laptop', 'x.test', ''])
        expect(tracked.route(carbon(from, 'sent', inner))).toBe(true);
      // Sent by the server, but about another account.
      const foreign = chat({ from: 'carol@x.test/pc', to: 'bob@x.test', id: 'm2' }, body('x'));
      expect(tracked.route(carbon('alice@x.test', 'sent', foreign))).toBe(true);
      expect(reports.map(([kind]) => kind)).toEqual(Array(5).fill('refused'));
      expect(sent).toEqual([]);
    });

    it('reports a sent carbon as ownMessage with the archive id and ignores its repeat', () => {
      const { tracked, reports } = tracking();
      const inner = chat(
        { from: 'alice@x.test/laptop', to: 'bob@x.test', id: 'm1' },
        body('from the laptop'),
        xml('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: 'bob@x.test', id: 'not-ours' }),
        xml('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: 'alice@x.test', id: 'arch-1' }),
      );
      tracked.route(carbon('alice@x.test', 'sent', inner));
      tracked.route(carbon('ALICE@x.test', 'sent', inner));
      expect(reports).toEqual([
        [
          'ownMessage',
          {
            id: 'm1',
            to: 'bob@x.test',
            from: 'alice@x.test/laptop',
            type: 'chat',
            body: 'from the laptop',
            archiveId: 'arch-1',
          },
        ],
      ]);
    });

    it('answers a receipt request of chat and normal messages with an id, and nothing else', () => {
      const { tracked, sent } = tracking();
      const request = xml('request', { xmlns: RECEIPTS });
      tracked.route(chat({ from: 'bob@x.test/pc', id: 'c1' }, body('a'), request));
      const normal = xml('message', { from: 'bob@x.test/pc', id: 'n1' }, body('b'), request);
      tracked.route(normal);
      for (const type of ['groupchat', 'headline'])
        tracked.route(chat({ from: 'room@x.test/n', id: `${type}1`, type }, body('c'), request));
      tracked.route(chat({ from: 'bob@x.test/pc' }, body('no id'), request));
      tracked.route(chat({ from: 'bob@x.test/pc', id: 'plain' }, body('no request')));
      const copy = chat({ from: 'bob@x.test/pc', to: 'alice@x.test/laptop', id: 'k1' }, request);
      tracked.route(carbon('alice@x.test', 'received', copy));
      expect(sent.map((s) => [s.attrs.to, s.attrs.type, s.getChild('received')?.attrs.id])).toEqual(
        [
          ['bob@x.test/pc', 'chat', 'c1'],
          ['bob@x.test/pc', undefined, 'n1'],
        ],
      );
    });

    it('with answerReceipts false, answers nothing', () => {
      const { tracked, sent } = tracking({ answerReceipts: false });
      const request = xml('request', { xmlns: RECEIPTS });
      tracked.route(chat({ from: 'bob@x.test/pc', id: 'c1' }, body('a'), request));
      expect(sent).toEqual([]);
    });

    it('believes receipts and markers only from where the message went', () => {
      const { tracked, reports } = tracking();
      expect(tracked.requests({ to: 'bob@x.test', body: 'b' } as never, 'm1')).toHaveLength(2);
      const received = (from: string) =>
        chat({ from }, xml('received', { xmlns: RECEIPTS, id: 'm1' }));
      const marker = (from: string, name: string) =>
        chat({ from }, xml(name, { xmlns: 'urn:xmpp:chat-markers:0', id: 'm1' }));
      tracked.route(received('mallory@x.test/pc'));
      tracked.route(marker('mallory@x.test/pc', 'displayed'));
      tracked.route(received('bob@x.test/pc'));
      tracked.route(marker('bob@x.test/other', 'received'));
      tracked.route(marker('bob@x.test/pc', 'displayed'));
      tracked.route(marker('bob@x.test/pc', 'acknowledged'));
      expect(reports).toEqual([
        ['receipt', { id: 'm1', from: 'bob@x.test/pc', state: 'delivered' }],
        ['receipt', { id: 'm1', from: 'bob@x.test/other', state: 'delivered' }],
        ['receipt', { id: 'm1', from: 'bob@x.test/pc', state: 'read' }],
        ['receipt', { id: 'm1', from: 'bob@x.test/pc', state: 'read' }],
      ]);
    });
  });

  describe('.requests', () => {
    it('asks only for chat messages, unless requestReceipt is false, and only what the profile has', () => {
      const { tracked } = tracking({ requests: { receipts: true, markers: false } });
      const names = (m: object) => tracked.requests(m as never, 'id').map((e) => e.name);
      expect(names({ to: 'b@x.test' })).toEqual(['request']);
      expect(names({ to: 'b@x.test', type: 'chat', requestReceipt: false })).toEqual([]);
      expect(names({ to: 'b@x.test', type: 'normal' })).toEqual([]);
      expect(names({ to: 'room@x.test', type: 'groupchat' })).toEqual([]);
    });
  });

  describe('.continuation', () => {
    it('carries where messages went to the next session, and a resumed stream keeps carbons', async () => {
      const { tracked, reports } = tracking();
      tracked.requests({ to: 'bob@x.test' } as never, 'm1');
      const previous = { ...tracked.continuation(), carbons: true, features: ['f'] };
      const next = tracking({ previous });
      await next.tracked.online({} as never, 'x.test', true, 1000);
      expect(next.tracked.carbons).toBe(true);
      expect(next.tracked.features).toEqual(['f']);
      next.tracked.route(
        chat({ from: 'bob@x.test/pc' }, xml('received', { xmlns: RECEIPTS, id: 'm1' })),
      );
      expect(next.reports).toEqual([
        ['receipt', { id: 'm1', from: 'bob@x.test/pc', state: 'delivered' }],
      ]);
      expect(reports).toEqual([]);
    });
  });

  describe('.online', () => {
    /** An IQ client answering disco#info with `features`, recording each request. */
    function iqAnswering(features: string[]) {
      const asked: string[] = [];
      const iq = {
        request: async (type: string, child: Element) => {
          asked.push(`${type} ${child.attrs.xmlns}`);
          return xml(
            'query',
            { xmlns: 'http://jabber.org/protocol/disco#info' },
            ...features.map((v) => xml('feature', { var: v })),
          );
        },
      };
      return { iq: iq as never, asked };
    }

    it('when carbons were enabled inside the login (Bind2), asks the features but does not enable again', async () => {
      const { tracked } = tracking();
      tracked.enabledInline();
      const { iq, asked } = iqAnswering([CARBONS, RECEIPTS]);
      await tracked.online(iq, 'x.test', false, 1000, 'alice@x.test');
      expect(asked.filter((a) => a.startsWith('set'))).toEqual([]);
      expect(asked.filter((a) => a.startsWith('get'))).toHaveLength(2);
      expect(tracked.carbons).toBe(true);
      expect(tracked.features).toContain(CARBONS);
    });

    it('when carbons were not enabled inline, enables them where the server has them', async () => {
      const { tracked } = tracking();
      const { iq, asked } = iqAnswering([CARBONS]);
      await tracked.online(iq, 'x.test', false, 1000, 'alice@x.test');
      expect(asked.filter((a) => a.startsWith('set'))).toEqual([`set ${CARBONS}`]);
      expect(tracked.carbons).toBe(true);
    });
  });
});
