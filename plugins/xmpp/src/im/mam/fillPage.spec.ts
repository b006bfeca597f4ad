import type { HistoryMessage } from '@switchboard/core';
import type { ArchivePage } from './ArchiveQueries';
import { type ArchiveCursor, fillPage } from './fillPage';

/** An archive of ids a1…a12 where only the listed ones are messages (the rest are receipts). */
function archive(messages: readonly string[], pageSize = 3) {
  const ids = Array.from({ length: 12 }, (_, i) => `a${i + 1}`);
  const asked: ArchiveCursor[] = [];
  const fetch = async (cursor: ArchiveCursor): Promise<ArchivePage> => {
    asked.push(cursor);
    let slice: string[];
    if (cursor.after !== undefined) {
      const from = ids.indexOf(cursor.after) + 1;
      slice = ids.slice(from, from + pageSize);
    } else {
      const to = cursor.before === undefined ? ids.length : ids.indexOf(cursor.before);
      slice = ids.slice(Math.max(0, to - pageSize), to);
    }
    const complete = cursor.after !== undefined ? slice.at(-1) === ids.at(-1) : slice[0] === ids[0];
    return {
      messages: slice
        .filter((id) => messages.includes(id))
        .map((id) => ({ archiveId: id, body: id }) as unknown as HistoryMessage),
      complete,
      ...(slice[0] === undefined ? {} : { first: slice[0] }),
      ...(slice.at(-1) === undefined ? {} : { last: slice.at(-1) as string }),
    };
  };
  return { fetch, asked };
}
const ids = (page: ArchivePage) => page.messages.map((m) => m.archiveId);

describe(fillPage, () => {
  it('backwards, reads on past receipts until the page holds limit messages', async () => {
    const { fetch, asked } = archive(['a2', 'a5', 'a9', 'a12']);
    const page = await fillPage(fetch, {}, false, 3);
    expect(ids(page)).toEqual(['a5', 'a9', 'a12']);
    expect(asked).toEqual([{}, { before: 'a10' }, { before: 'a7' }]);
    // The next page starts where this one stopped reading: a4 is not skipped.
    expect(page).toMatchObject({ first: 'a4', last: 'a12', complete: false });
  });

  it('forwards, trims to limit and points last at the last message kept', async () => {
    const { fetch } = archive(['a2', 'a3', 'a4', 'a5', 'a6']);
    const page = await fillPage(fetch, { after: 'a1' }, true, 4);
    expect(ids(page)).toEqual(['a2', 'a3', 'a4', 'a5']);
    expect(page).toMatchObject({ first: 'a2', last: 'a5', complete: false });
  });

  it('stops at the end of the archive, complete, and after maxPages', async () => {
    const ends = archive(['a1', 'a11']);
    const whole = await fillPage(ends.fetch, {}, false, 5);
    expect(ids(whole)).toEqual(['a1', 'a11']);
    expect(whole.complete).toBe(true);
    const bounded = archive(['a1']);
    const few = await fillPage(bounded.fetch, {}, false, 5, 2);
    expect(ids(few)).toEqual([]);
    expect(bounded.asked).toHaveLength(2);
    expect(few).toMatchObject({ first: 'a7', complete: false });
  });
});
