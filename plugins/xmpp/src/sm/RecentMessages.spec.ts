import xml from '@xmpp/xml';
import { RecentMessages } from './RecentMessages';

const msg = (from: string, id?: string) =>
  xml('message', id === undefined ? { from } : { from, id }, xml('body', {}, 'hi'));

describe(RecentMessages, () => {
  it('lets a message through once per sender and id, whatever the sender resource', () => {
    const recent = new RecentMessages();
    expect(recent.firstTime(msg('bob@x.test/phone', 'a1'))).toBe(true);
    expect(recent.firstTime(msg('bob@x.test/laptop', 'a1'))).toBe(false);
    expect(recent.firstTime(msg('carol@x.test/phone', 'a1'))).toBe(true);
    expect(recent.firstTime(msg('bob@x.test/phone', 'a2'))).toBe(true);
  });

  it('always lets messages without an id through', () => {
    const recent = new RecentMessages();
    expect(recent.firstTime(msg('bob@x.test'))).toBe(true);
    expect(recent.firstTime(msg('bob@x.test'))).toBe(true);
  });

  it('carries what it saw into the next session, and forgets the oldest beyond its capacity', () => {
    const first = new RecentMessages();
    for (let i = 0; i < 2_100; i++) first.firstTime(msg('bob@x.test', `id${i}`));
    const next = new RecentMessages(first.keys());
    expect(next.firstTime(msg('bob@x.test/new', 'id2099'))).toBe(false);
    expect(next.firstTime(msg('bob@x.test/new', 'id5'))).toBe(true);
    expect(first.keys()).toHaveLength(2_000);
  });
});
