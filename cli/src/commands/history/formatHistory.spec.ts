import type { HistoryMessage, HistoryPage } from '@switchboard/core';
import { formatHistory } from './formatHistory';

const at = new Date(2026, 0, 2, 3, 4);
const message = (body: string, archiveId: string, extra: Partial<HistoryMessage> = {}) =>
  ({
    from: 'bob@example.org/phone',
    type: 'chat',
    body,
    archiveId,
    outgoing: false,
    delay: { stamp: at },
    ...extra,
  }) as HistoryMessage;
const next = (direction: string, id: string) => `--${direction} ${id}`;

describe(formatHistory, () => {
  it('prints each message with its archive id, and how to page back when there is more', () => {
    const page: HistoryPage = {
      conversation: 'bob@example.org',
      messages: [message('hi', 'a1'), message('yo', 'a2', { outgoing: true })],
      first: 'a1',
      last: 'a2',
      complete: false,
    };
    expect(formatHistory(page, next, false)).toEqual([
      '[2026-01-02 03:04] bob@example.org: hi  (a1)',
      '[2026-01-02 03:04] you: yo  (a2)',
      'Older: --before a1',
    ]);
    expect(formatHistory(page, next, true).at(-1)).toBe('Newer: --after a2');
    expect(formatHistory({ ...page, complete: true }, next, false)).toHaveLength(2);
  });

  it('prints room messages with the nick, and says when there is nothing', () => {
    const room = message('hello', 'r1', { type: 'groupchat', from: '#room', nick: 'carol' });
    expect(
      formatHistory({ conversation: '#room', messages: [room], complete: true }, next, false),
    ).toEqual(['[2026-01-02 03:04] <carol>: hello  (r1)']);
    expect(
      formatHistory({ conversation: '#room', messages: [], complete: true }, next, false),
    ).toEqual(['No messages in the history of #room.']);
  });
});
