import xml, { type Element } from '@xmpp/xml';
import { stanza } from '../muc/stanza.testkit';
import { ArchiveQueries } from './ArchiveQueries';

const OWN = 'alice@example.org';
const ROOM = 'room@conference.example.org';

function result(from: string | undefined, queryid: string, id: string, inner: string): Element {
  return stanza(
    `<message ${from === undefined ? '' : `from='${from}'`} to='${OWN}/phone'><result xmlns='urn:xmpp:mam:2' queryid='${queryid}' id='${id}'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2026-01-02T03:04:05Z'/>${inner}</forwarded></result></message>`,
  );
}

/** An archive whose IQ answer the test gives once it has delivered the results. */
function harness() {
  const sent: Element[] = [];
  let answer: (fin: Element) => void = () => undefined;
  const archive = new ArchiveQueries(async (_type, child) => {
    sent.push(child);
    return new Promise<Element>((resolve) => {
      answer = resolve;
    });
  });
  const queryid = (): string => sent.at(-1)?.attrs.queryid ?? '';
  const fin = (complete: boolean, first?: string, last?: string): Element =>
    xml(
      'fin',
      { xmlns: 'urn:xmpp:mam:2', ...(complete ? { complete: 'true' } : {}) },
      xml(
        'set',
        { xmlns: 'http://jabber.org/protocol/rsm' },
        first === undefined ? null : xml('first', {}, first),
        last === undefined ? null : xml('last', {}, last),
      ),
    );
  return { archive, sent, queryid, finish: (f: Element) => answer(f), fin };
}

describe(ArchiveQueries, () => {
  describe('.page', () => {
    it('when the own archive answers: messages oldest first, outgoing marked, paging ids', async () => {
      const { archive, sent, queryid, finish, fin } = harness();
      const page = archive.page({ own: OWN }, { with: 'bob@example.org', before: 'x9', limit: 2 });
      const q = queryid();
      expect(sent[0]?.toString()).toContain(
        '<field var="with"><value>bob@example.org</value></field>',
      );
      expect(sent[0]?.toString()).toContain('<max>2</max><before>x9</before>');
      expect(
        archive.claim(
          result(
            undefined,
            q,
            'a1',
            `<message from='bob@example.org/pc' type='chat' id='m1'><body>hi</body></message>`,
          ),
        ),
      ).toBe(true);
      expect(
        archive.claim(
          result(
            OWN,
            q,
            'a2',
            `<message from='${OWN}/phone' type='chat' id='m2'><body>hey</body></message>`,
          ),
        ),
      ).toBe(true);
      finish(fin(true, 'a1', 'a2'));
      const got = await page;
      expect(got).toMatchObject({ first: 'a1', last: 'a2', complete: true });
      expect(
        got.messages.map((m) => [m.archiveId, m.body, m.outgoing, m.delay.stamp.toISOString()]),
      ).toEqual([
        ['a1', 'hi', false, '2026-01-02T03:04:05.000Z'],
        ['a2', 'hey', true, '2026-01-02T03:04:05.000Z'],
      ]);
    });

    it('when a room archive answers: the room as sender, the nick, own nick outgoing', async () => {
      const { archive, queryid, finish, fin } = harness();
      const page = archive.page({ own: OWN, room: ROOM, nick: 'alice' }, { limit: 5 });
      archive.claim(
        result(
          ROOM,
          queryid(),
          'r1',
          `<message from='${ROOM}/bob' type='groupchat'><body>one</body></message>`,
        ),
      );
      archive.claim(
        result(
          ROOM,
          queryid(),
          'r2',
          `<message from='${ROOM}/alice' type='groupchat'><body>two</body></message>`,
        ),
      );
      finish(fin(false, 'r1', 'r2'));
      const got = await page;
      expect(got.complete).toBe(false);
      expect(got.messages.map((m) => [m.from, m.nick, m.type, m.outgoing])).toEqual([
        [ROOM, 'bob', 'groupchat', false],
        [ROOM, 'alice', 'groupchat', true],
      ]);
    });
  });

  describe('.claim', () => {
    it('when a result is forged (another sender, or an unknown query): taken and dropped', async () => {
      const { archive, queryid, finish, fin } = harness();
      const page = archive.page({ own: OWN }, { limit: 5 });
      const inner = `<message from='bob@example.org/pc' type='chat'><body>forged</body></message>`;
      expect(archive.claim(result('mallory@example.org', queryid(), 'f1', inner))).toBe(true);
      expect(archive.claim(result(ROOM, queryid(), 'f2', inner))).toBe(true);
      expect(archive.claim(result(OWN, 'not-a-query', 'f3', inner))).toBe(true);
      finish(fin(true));
      expect((await page).messages).toEqual([]);
    });

    it('when the message carries no MAM result: not taken', () => {
      const { archive } = harness();
      expect(
        archive.claim(stanza(`<message from='bob@example.org/pc'><body>hi</body></message>`)),
      ).toBe(false);
    });
  });
});
