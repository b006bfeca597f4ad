import { parseLine } from '../wire/parseLine';
import { DELAY_THRESHOLD_MS, inboundOf } from './inboundMessage';

const now = Date.parse('2026-12-03T12:00:00.000Z');

describe(inboundOf, () => {
  it('reads a PRIVMSG as a chat message with its msgid, and a recent server-time as live', () => {
    const line = '@msgid=abc;time=2026-12-03T11:59:59.000Z :alice!a@h PRIVMSG bob :hello';
    expect(inboundOf(parseLine(line), { now })).toEqual({
      kind: 'message',
      message: { id: 'abc', from: 'alice', to: 'bob', type: 'chat', body: 'hello' },
    });
  });

  it('reports an old server-time, or any time in a replayed batch, as the delay', () => {
    const old = new Date(now - DELAY_THRESHOLD_MS - 1).toISOString();
    const line = `@time=${old} :alice!a@h PRIVMSG bob :stored`;
    expect(inboundOf(parseLine(line), { now })).toMatchObject({
      message: { delay: { stamp: new Date(old) } },
    });
    const fresh = `@time=2026-12-03T11:59:59.000Z :alice!a@h PRIVMSG bob :replayed`;
    expect(inboundOf(parseLine(fresh), { now, replayed: true })).toMatchObject({
      message: { delay: { stamp: new Date('2026-12-03T11:59:59.000Z') } },
    });
  });

  it('reads NOTICE as a headline, ACTION as /me, and leaves other CTCP out', () => {
    expect(inboundOf(parseLine(':alice!a@h NOTICE bob :automated'), { now })).toMatchObject({
      message: { type: 'headline', body: 'automated' },
    });
    expect(
      inboundOf(parseLine(':alice!a@h PRIVMSG bob :\u0001ACTION waves\u0001'), { now }),
    ).toMatchObject({
      message: { body: '/me waves' },
    });
    expect(
      inboundOf(parseLine(':alice!a@h PRIVMSG bob :\u0001VERSION\u0001'), { now }),
    ).toBeUndefined();
  });

  it('reads +typing TAGMSG as chat states and ignores server sources', () => {
    expect(inboundOf(parseLine('@+typing=active :alice!a@h TAGMSG bob'), { now })).toEqual({
      kind: 'chatState',
      update: { from: 'alice', state: 'composing' },
    });
    expect(inboundOf(parseLine('@+typing=done :alice!a@h TAGMSG bob'), { now })).toMatchObject({
      update: { state: 'active' },
    });
    expect(
      inboundOf(parseLine(':irc.example.org NOTICE bob :server notice'), { now }),
    ).toBeUndefined();
  });

  it('when the server archives messages, sets the msgid as archiveId too', () => {
    const line = parseLine('@msgid=m7 :bob!b@h PRIVMSG alice :kept');
    expect(inboundOf(line, { archived: true })).toMatchObject({
      message: { id: 'm7', archiveId: 'm7' },
    });
    expect(inboundOf(line)).not.toHaveProperty('message.archiveId');
  });
});
