import type { HistoryMessage, HistoryPage, HistoryRequest } from '@switchboard/core';
import { catchUp } from './catchUp';

const stamp = new Date('2026-01-01T10:00:00.000Z');
const msg = (id: string, outgoing = false): HistoryMessage => ({
  id,
  archiveId: id,
  from: outgoing ? 'alice' : 'bob',
  to: outgoing ? 'bob' : 'alice',
  type: 'chat',
  body: `body ${id}`,
  delay: { stamp },
  outgoing,
});

function pages(...list: HistoryPage[]) {
  const asked: HistoryRequest[] = [];
  const page = async (request: HistoryRequest): Promise<HistoryPage> => {
    asked.push(request);
    return list.shift() ?? { conversation: 'bob', messages: [], complete: true };
  };
  return { asked, page };
}

const page = (messages: HistoryMessage[], complete: boolean): HistoryPage => ({
  conversation: 'bob',
  messages,
  ...(messages[0] === undefined ? {} : { first: messages[0].archiveId }),
  ...(messages.at(-1) === undefined ? {} : { last: messages.at(-1)?.archiveId ?? '' }),
  complete,
});

describe(catchUp, () => {
  const base = { target: 'bob', room: false, pageSize: 2 };

  it('pages AFTER from the last id until complete, reporting unseen messages in order', async () => {
    const { asked, page: fetch } = pages(
      page([msg('a'), msg('b', true)], false),
      page([msg('c')], true),
    );
    const seen = new Set(['a']);
    const reported: string[] = [];
    const report = await catchUp({
      ...base,
      after: 'z',
      page: fetch,
      seen: (id) => {
        if (seen.has(id)) return true;
        seen.add(id);
        return false;
      },
      message: (m) => reported.push(`message ${m.archiveId}`),
      ownMessage: (m) => reported.push(`own ${m.archiveId} to ${m.to}`),
    });
    expect(asked.map((r) => r.after)).toEqual(['z', 'b']);
    expect(asked.every((r) => r.limit === 2 && r.conversation === 'bob')).toBe(true);
    expect(reported).toEqual(['own b to bob', 'message c']);
    expect(report).toEqual({ pages: 2, reported: 2, last: 'c', complete: true });
  });

  it('without an ownMessage handler, leaves own messages out; reported messages have no outgoing flag', async () => {
    const { page: fetch } = pages(page([msg('a', true), msg('b')], true));
    const got: unknown[] = [];
    await catchUp({
      ...base,
      after: 'z',
      page: fetch,
      seen: () => false,
      message: (m) => got.push(m),
    });
    expect(got).toEqual([expect.objectContaining({ archiveId: 'b' })]);
    expect(got[0]).not.toHaveProperty('outgoing');
  });

  it('when a full page does not move forward, or pages never end, stops and says it is not complete', async () => {
    const stuck = pages(page([msg('z')], false));
    const report = await catchUp({
      ...base,
      after: 'z',
      page: stuck.page,
      seen: () => false,
      message: () => undefined,
    });
    expect(report).toMatchObject({ pages: 1, complete: false });
    let n = 0;
    const endless = async (): Promise<HistoryPage> => page([msg(`m${++n}`)], false);
    const bounded = await catchUp({
      ...base,
      after: 'z',
      page: endless,
      seen: () => false,
      message: () => undefined,
      maxPages: 5,
    });
    expect(bounded).toEqual({ pages: 5, reported: 5, last: 'm5', complete: false });
  });
});
