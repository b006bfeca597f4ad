import type { SendReport, SessionSink } from '@switchboard/core';
import xml from '@xmpp/xml';
import type { Unacked } from '../../sm/XmppContinuation';
import { DeferredSends } from './DeferredSends';

const item = (id: string, to = 'r@muc.test'): Unacked =>
  ({ stanza: xml('message', { id, to, type: 'groupchat' }), sentAt: 0 }) as unknown as Unacked;

describe(DeferredSends, () => {
  it('when the stream breaks during the resends, keeps what was not sent for the next session', async () => {
    const sent: string[] = [];
    const reports: SendReport[] = [];
    const sink = { sent: (r: SendReport) => reports.push(r) } as unknown as SessionSink;
    const deferred = new DeferredSends(sink, async (u) => {
      if (u.stanza.attrs.id === 'b') throw new Error('closed');
      sent.push(u.stanza.attrs.id ?? '');
    });
    deferred.add([item('a'), item('b'), item('c'), item('d'), item('x', 'other@muc.test')]);
    await expect(deferred.joined('r@muc.test', (id) => id === 'c')).rejects.toThrow('closed');
    expect(sent).toEqual(['a']);
    // b reached the stream (it carries it on); c and d wait again, before the other room's.
    expect(deferred.pending().map((u) => u.stanza.attrs.id)).toEqual(['c', 'd', 'x']);
    expect(reports).toEqual([]);
  });
});
