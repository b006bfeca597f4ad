import { type HistoryRequest, SwitchboardError } from '@switchboard/core';
import { foldCase } from '../wire/casemapping';
import type { IrcMessage } from '../wire/IrcMessage';
import { Isupport } from '../wire/Isupport';
import { parseLine } from '../wire/parseLine';
import { serialize } from '../wire/serialize';
import { HistoryQueries } from './HistoryQueries';

const T = '2026-01-01T10:00:00.000Z';

function setup(caps = 'draft/chathistory labeled-response', isupport = 'CHATHISTORY=100') {
  const written: string[] = [];
  const support = new Isupport();
  support.add(parseLine(`:s 005 alice CASEMAPPING=ascii ${isupport} :are supported`));
  const queries = new HistoryQueries({
    write: async (message: IrcMessage) => {
      written.push(serialize(message));
    },
    isupport: support,
    isMe: (nick) => foldCase(nick, 'ascii') === 'alice',
    caps: () => new Map(caps.split(' ').map((c) => [c, ''])),
    timeoutMs: 200,
  });
  /** Feeds server lines; returns those not claimed (they would go to the live path). */
  const feed = (...lines: string[]): string[] =>
    lines.filter((line) => !queries.claim(parseLine(line)));
  return { queries, written, feed };
}

const request = (extra: Partial<HistoryRequest> = {}): HistoryRequest => ({
  conversation: 'bob',
  room: false,
  limit: 3,
  ...extra,
});

const dm = (id: string, from: string, to: string, text: string, batch = '1') =>
  `@batch=${batch};msgid=${id};time=${T} :${from}!u@h PRIVMSG ${to} :${text}`;

describe(HistoryQueries, () => {
  describe('.query', () => {
    it('when the server has no draft/chathistory, refuses with SB_CAPABILITY_UNSUPPORTED and sends nothing', async () => {
      const { queries, written } = setup('labeled-response');
      await expect(queries.query(request())).rejects.toMatchObject({
        code: 'SB_CAPABILITY_UNSUPPORTED',
      });
      expect(written).toEqual([]);
    });

    it('when paging, sends LATEST, BEFORE, AFTER and since as CHATHISTORY lines capped at the server limit', async () => {
      const { queries, written, feed } = setup('draft/chathistory', 'CHATHISTORY=2');
      const pages = [
        queries.query(request()),
        queries.query(request({ before: 'm9' })),
        queries.query(request({ after: 'm1' })),
        queries.query(request({ since: new Date(T) })),
      ];
      for (let i = 1; i <= 4; i++) feed(`:s BATCH +b${i} chathistory bob`, `:s BATCH -b${i}`);
      await Promise.all(pages);
      expect(written).toEqual([
        'CHATHISTORY LATEST bob * 2',
        'CHATHISTORY BEFORE bob msgid=m9 2',
        'CHATHISTORY AFTER bob msgid=m1 2',
        'CHATHISTORY AFTER bob timestamp=2026-01-01T09:59:59.999Z 2',
      ]);
    });

    it('when an id cannot be sent as one parameter, fails with SB_CONFIG_INVALID and sends nothing', async () => {
      const { queries, written } = setup();
      for (const before of ['a b', ':x', 'x'.repeat(129), 'a\u0001']) {
        await expect(queries.query(request({ before }))).rejects.toMatchObject({
          code: 'SB_CONFIG_INVALID',
          details: { field: 'history.before' },
        });
      }
      expect(written).toEqual([]);
    });

    it('when a labelled batch answers, builds the page oldest first with outgoing, first, last and complete', async () => {
      const { queries, written, feed } = setup();
      const page = queries.query(request());
      expect(written).toEqual(['@label=sbh1 CHATHISTORY LATEST bob * 3']);
      const left = feed(
        `@label=sbh1 :s BATCH +1 chathistory bob`,
        dm('m1', 'alice', 'bob', 'hi bob'),
        dm('m2', 'bob', 'alice', '\u0001ACTION waves\u0001'),
        ':s BATCH -1',
      );
      expect(left).toEqual([]);
      expect(await page).toEqual({
        conversation: 'bob',
        messages: [
          expect.objectContaining({
            from: 'alice',
            to: 'bob',
            body: 'hi bob',
            archiveId: 'm1',
            id: 'm1',
            outgoing: true,
            delay: { stamp: new Date(T) },
          }),
          expect.objectContaining({
            from: 'bob',
            to: 'alice',
            body: '/me waves',
            archiveId: 'm2',
            outgoing: false,
            type: 'chat',
          }),
        ],
        first: 'm1',
        last: 'm2',
        complete: true,
      });
    });

    it('when as many lines as the limit come back, the page is not complete', async () => {
      const { queries, feed } = setup();
      const page = queries.query(request({ limit: 2 }));
      feed(
        `@label=sbh1 :s BATCH +1 chathistory bob`,
        dm('m1', 'alice', 'bob', 'a'),
        dm('m2', 'bob', 'alice', 'b'),
        ':s BATCH -1',
      );
      expect((await page).complete).toBe(false);
    });

    it('when a channel is queried, its messages are groupchat from the channel with the nick', async () => {
      const { queries, feed } = setup();
      const page = queries.query(request({ conversation: '#Room', room: true }));
      feed(
        `@label=sbh1 :s BATCH +1 chathistory #room`,
        `@batch=1;msgid=j1;time=${T} :bob!u@h JOIN #room`,
        dm('c1', 'bob', '#room', 'hello all'),
        dm('c2', 'ALICE', '#room', 'hi'),
        ':s BATCH -1',
      );
      const { messages } = await page;
      expect(messages).toEqual([
        expect.objectContaining({
          from: '#room',
          nick: 'bob',
          type: 'groupchat',
          body: 'hello all',
          outgoing: false,
        }),
        expect.objectContaining({
          from: '#room',
          nick: 'ALICE',
          type: 'groupchat',
          outgoing: true,
        }),
      ]);
      expect(messages[0]).not.toHaveProperty('to');
    });

    it('when lines carry garbage or repeated msgids, no time, or belong to another conversation, leaves them out', async () => {
      const { queries, feed } = setup();
      const page = queries.query(request({ limit: 10 }));
      feed(
        `@label=sbh1 :s BATCH +1 chathistory bob`,
        `@batch=1;time=${T} :bob!u@h PRIVMSG alice :no msgid`,
        `@batch=1;msgid=;time=${T} :bob!u@h PRIVMSG alice :empty msgid`,
        `@batch=1;msgid=a\\sb;time=${T} :bob!u@h PRIVMSG alice :space in msgid`,
        `@batch=1;msgid=${'x'.repeat(200)};time=${T} :bob!u@h PRIVMSG alice :long msgid`,
        `@batch=1;msgid=nt :bob!u@h PRIVMSG alice :no time`,
        dm('ok', 'bob', 'alice', 'kept'),
        dm('ok', 'bob', 'alice', 'repeated'),
        dm('o1', 'carol', 'alice', 'from carol'),
        dm('o2', 'alice', 'carol', 'to carol'),
        dm('o3', 'bob', '#room', 'channel'),
        ':s BATCH -1',
      );
      expect((await page).messages.map((m) => m.body)).toEqual(['kept']);
    });

    it('when the answer is wrapped in a labeled-response batch, reads the chathistory batch inside it', async () => {
      const { queries, feed } = setup();
      const page = queries.query(request());
      const left = feed(
        '@label=sbh1 :s BATCH +outer labeled-response',
        '@batch=outer :s BATCH +inner chathistory bob',
        dm('m1', 'bob', 'alice', 'wrapped', 'inner'),
        '@batch=outer :s BATCH -inner',
        ':s BATCH -outer',
      );
      expect(left).toEqual([]);
      expect((await page).messages.map((m) => m.body)).toEqual(['wrapped']);
    });

    it("when our nick changed since, keeps the contact's messages to the old nick", async () => {
      const { queries, feed } = setup();
      const page = queries.query(request());
      feed(
        '@label=sbh1 :s BATCH +1 chathistory bob',
        dm('m1', 'bob', 'alice_', 'to my old nick'),
        ':s BATCH -1',
      );
      expect((await page).messages.map((m) => [m.body, m.outgoing])).toEqual([
        ['to my old nick', false],
      ]);
    });

    it('when queries are not labelled, matches batches in order per target', async () => {
      const { queries, written, feed } = setup('draft/chathistory');
      const forBob = queries.query(request());
      const forCarol = queries.query(request({ conversation: 'carol' }));
      expect(written).toEqual(['CHATHISTORY LATEST bob * 3', 'CHATHISTORY LATEST carol * 3']);
      feed(
        ':s BATCH +c chathistory carol',
        dm('c1', 'carol', 'alice', 'from carol', 'c'),
        ':s BATCH -c',
      );
      feed(':s BATCH +b chathistory bob', dm('b1', 'bob', 'alice', 'from bob', 'b'), ':s BATCH -b');
      expect((await forBob).messages.map((m) => m.body)).toEqual(['from bob']);
      expect((await forCarol).messages.map((m) => m.body)).toEqual(['from carol']);
    });

    it('when FAIL answers, rejects with a coded error naming the condition', async () => {
      const { queries, feed } = setup();
      const target = queries.query(request({ conversation: '#nope', room: true }));
      const params = queries.query(request());
      feed(
        '@label=sbh2 :s FAIL CHATHISTORY INVALID_PARAMS LATEST bob :Bad limit',
        '@label=sbh1 :s FAIL CHATHISTORY INVALID_TARGET LATEST #nope :Messages could not be retrieved',
      );
      await expect(target).rejects.toMatchObject({
        code: 'SB_CAPABILITY_REFUSED',
        details: { condition: 'invalid-target', text: 'Messages could not be retrieved' },
      });
      await expect(params).rejects.toMatchObject({
        code: 'SB_CONFIG_INVALID',
        details: { condition: 'invalid-params', field: 'history' },
      });
    });

    it('when an unlabelled FAIL answers, rejects the query for its target', async () => {
      const { queries, feed } = setup('draft/chathistory');
      const bob = queries.query(request());
      const bad = queries.query(request({ conversation: 'b,c' }));
      expect(feed(':s FAIL CHATHISTORY INVALID_TARGET LATEST b,c :No')).toEqual([]);
      await expect(bad).rejects.toMatchObject({ details: { condition: 'invalid-target' } });
      feed(':s BATCH +1 chathistory bob', ':s BATCH -1');
      expect((await bob).messages).toEqual([]);
    });

    it('when a labelled ACK or numeric answers, resolves empty or rejects', async () => {
      const { queries, feed } = setup();
      const empty = queries.query(request());
      const unknown = queries.query(request());
      feed('@label=sbh1 :s ACK', '@label=sbh2 :s 421 alice CHATHISTORY :Unknown command');
      expect(await empty).toEqual({ conversation: 'bob', messages: [], complete: true });
      await expect(unknown).rejects.toMatchObject({
        code: 'SB_CAPABILITY_REFUSED',
        details: { condition: '421' },
      });
    });

    it('when no answer comes, rejects with SB_TIMEOUT, and the late answer is still swallowed', async () => {
      const { queries, feed } = setup();
      await expect(queries.query(request())).rejects.toMatchObject({ code: 'SB_TIMEOUT' });
      const left = feed(
        '@label=sbh1 :s BATCH +1 chathistory bob',
        dm('m1', 'bob', 'alice', 'late'),
        ':s BATCH -1',
      );
      expect(left).toEqual([]);
    });

    it('when a batch brings far more lines than asked, rejects at once and swallows the rest', async () => {
      const { queries, feed } = setup();
      const page = queries.query(request());
      feed('@label=sbh1 :s BATCH +1 chathistory bob');
      const lines = Array.from({ length: 100_000 }, (_, i) => dm(`m${i}`, 'bob', 'alice', 'flood'));
      expect(feed(...lines)).toEqual([]);
      await expect(page).rejects.toMatchObject({
        code: 'SB_IRC_MALFORMED',
        details: { reason: 'batch-too-large' },
      });
      expect(feed(':s BATCH -1', dm('live', 'bob', 'alice', 'after', 'none'))).toEqual([
        dm('live', 'bob', 'alice', 'after', 'none'),
      ]);
    });

    it('when lines name a batch that is not an answer, or come after it closed, leaves them to the live path', async () => {
      const { queries, feed } = setup();
      const page = queries.query(request());
      const forged = [dm('f1', 'bob', 'alice', 'forged', '9'), ':s BATCH +x chathistory bob'];
      expect(feed(...forged)).toEqual(forged);
      feed('@label=sbh1 :s BATCH +1 chathistory bob', ':s BATCH -1');
      expect((await page).messages).toEqual([]);
      expect(feed(dm('f2', 'bob', 'alice', 'after the end'))).toHaveLength(1);
    });

    it('when the connection is lost, rejects every pending query with its error', async () => {
      const { queries } = setup();
      const page = queries.query(request());
      queries.fail(new SwitchboardError('SB_CONNECTION_CLOSED', 'gone'));
      await expect(page).rejects.toMatchObject({ code: 'SB_CONNECTION_CLOSED' });
    });
  });

  describe('.maxLimit', () => {
    it('reads CHATHISTORY, else draft/CHATHISTORY; 0, absent or invalid means 1,000', () => {
      expect(setup(undefined, 'CHATHISTORY=50').queries.maxLimit).toBe(50);
      expect(setup(undefined, 'draft/CHATHISTORY=70').queries.maxLimit).toBe(70);
      expect(setup(undefined, 'CHATHISTORY=0').queries.maxLimit).toBe(1000);
      expect(setup(undefined, 'CHATHISTORY=x').queries.maxLimit).toBe(1000);
      expect(setup(undefined, 'CHATHISTORY=5000').queries.maxLimit).toBe(1000);
    });
  });
});
