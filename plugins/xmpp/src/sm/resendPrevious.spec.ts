import xml from '@xmpp/xml';
import { resendPrevious } from './resendPrevious';
import { NS_SM } from './StreamManagement';
import { harness, lost } from './smHarness.testkit';
import type { XmppContinuation } from './XmppContinuation';

describe(resendPrevious, () => {
  it('resumes with the old stream id and count, then resends only what the server did not handle', async () => {
    const h = harness(lost);
    await h.negotiate(xml('resumed', { xmlns: NS_SM, previd: 'old', h: '11' }));
    expect(h.written[0]).toBe(`<resume xmlns="${NS_SM}" h="5" previd="old"/>`);
    expect(h.sm.resumed).toBe(true);
    expect(await h.resend()).toBe(2);
    const resent = h.written.filter((w) => w.startsWith('<message'));
    expect(resent.map((w) => /id="(m\d)"/.exec(w)?.[1])).toEqual(['m2', 'm3']);
    expect(resent[0]).toContain(
      '<delay xmlns="urn:xmpp:delay" stamp="2026-01-01T00:00:00.000Z" from="me@sm.test"/>',
    );
  });

  it('when resumption is refused, binds a new stream and resends messages the old one did not get out', async () => {
    const h = harness(lost);
    await h.negotiate(
      xml('failed', { xmlns: NS_SM, h: '11' }),
      xml('enabled', { xmlns: NS_SM, id: 'new', resume: 'true' }),
    );
    expect(h.sm.resumed).toBe(false);
    expect(h.written.slice(0, 2)).toEqual([
      `<resume xmlns="${NS_SM}" h="5" previd="old"/>`,
      `<enable xmlns="${NS_SM}" resume="true"/>`,
    ]);
    // The refusal said 11 of the old stream arrived: m1 is not sent again. The server ended the
    // old session itself: each message goes out alone and waits for its acknowledgement.
    h.answerAcks();
    expect(await h.resend()).toBe(2);
    const resent = h.written.filter((w) => /^<(message|r) /.test(w));
    expect(resent.map((w) => /id="(m\d)"/.exec(w)?.[1] ?? 'r')).toEqual(['m2', 'r', 'm3', 'r']);
    expect(h.reports.handled).toEqual(['m1', 'm2', 'm3']);
  });

  it('when the server answers <failed h/> to the resumption, the handled ones are reported and never resent', async () => {
    const h = harness(lost);
    await h.negotiate(
      xml('failed', { xmlns: NS_SM, h: '12' }),
      xml('enabled', { xmlns: NS_SM, id: 'new', resume: 'true' }),
    );
    expect(h.reports.handled).toEqual(['m1', 'm2']);
    h.answerAcks();
    expect(await h.resend()).toBe(1);
    // A later <failed/> (say, to something else) does not slice again.
    await h.receive(xml('failed', { xmlns: NS_SM, h: '13' }));
    expect(h.reports.handled).toEqual(['m1', 'm2', 'm3']);
    expect(h.sm.continuation([]).unacked).toEqual([]);
  });

  it('when the connection breaks halfway through the resend, the next session gets the rest in order, after what this stream counted', async () => {
    const h = harness(lost);
    await h.negotiate(xml('resumed', { xmlns: NS_SM, previd: 'old', h: '10' }));
    // The second resent stanza fails to be written.
    h.failAfter(1);
    await expect(h.resend()).rejects.toThrow('write failed');
    const next = h.sm.continuation([]);
    expect(next.unacked.map((u) => u.stanza.attrs.id)).toEqual(['m1', 'm2', 'm3']);
    expect(next.stream).toMatchObject({ id: 'old', acked: 10 });
    // The resent m1 keeps the time it was first sent.
    expect(next.unacked[0]?.sentAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('resends a suspect stanza on its own and reports it refused when the stream dies on it again', async () => {
    const suspects: XmppContinuation = {
      ...lost,
      stream: undefined,
      unacked: lost.unacked.map((u) => ({ ...u, suspect: true })),
    };
    const h = harness(suspects);
    await h.negotiate(xml('enabled', { xmlns: NS_SM, id: 'new', resume: 'true' }));
    const resending = h.resend();
    await new Promise((r) => setTimeout(r, 0));
    // m1 went out alone with a request for acknowledgement; nothing else yet.
    expect(h.written.slice(-2)).toEqual([
      expect.stringContaining('id="m1"'),
      `<r xmlns="${NS_SM}"/>`,
    ]);
    await h.receive(xml('a', { xmlns: NS_SM, h: '1' }));
    await new Promise((r) => setTimeout(r, 0));
    expect(h.written.slice(-2)).toEqual([
      expect.stringContaining('id="m2"'),
      `<r xmlns="${NS_SM}"/>`,
    ]);
    const streamError = Object.assign(new Error('policy-violation'), {
      name: 'StreamError',
      condition: 'policy-violation',
    });
    h.emit('error', streamError);
    h.emit('disconnect');
    await expect(resending).rejects.toBe(streamError);
    expect(h.reports.handled).toEqual(['m1']);
    expect(h.reports.refused).toEqual(['m2']);
    // m3 is still to be sent, still under suspicion; m2 is gone for good.
    const next = h.sm.continuation([]);
    expect(next.unacked.map((u) => [u.stanza.attrs.id, u.suspect])).toEqual([['m3', true]]);
  });

  it('when the server does not enable stream management, resent messages are reported as written', async () => {
    const h = harness({ ...lost, stream: undefined });
    await h.negotiate(xml('failed', { xmlns: NS_SM }));
    expect(h.sm.counting).toBe(false);
    expect(await h.resend()).toBe(3);
    expect(h.reports.written).toEqual(['m1', 'm2', 'm3']);
    expect(h.sm.continuation([]).unacked).toEqual([]);
  });

  it('when a connection ends twice while the same stanza alone waits for its acknowledgement, reports it refused', async () => {
    const fresh = (previous: XmppContinuation) => {
      const h = harness(previous);
      const run = (async () => {
        await h.negotiate(
          xml('failed', { xmlns: NS_SM }),
          xml('enabled', { xmlns: NS_SM, id: 'new', resume: 'true' }),
        );
        return h.resend();
      })();
      return { h, run };
    };
    const dropWhenSent = async (h: ReturnType<typeof harness>, run: Promise<number>) => {
      while (!h.written.some((w) => w.includes('id="m1"')))
        await new Promise((r) => setTimeout(r, 0));
      h.emit('disconnect');
      await expect(run).rejects.toMatchObject({ code: 'SB_CONNECTION_CLOSED' });
    };
    const first = fresh(lost);
    await dropWhenSent(first.h, first.run);
    expect(first.h.reports.refused).toEqual([]);
    const next = first.h.sm.continuation([]);
    expect(next.unacked.map((u) => [u.stanza.attrs.id, u.strikes])).toEqual([
      ['m1', 1],
      ['m2', undefined],
      ['m3', undefined],
    ]);
    const second = fresh(next);
    await dropWhenSent(second.h, second.run);
    expect(second.h.reports.refused).toEqual(['m1']);
    expect(second.h.sm.continuation([]).unacked.map((u) => u.stanza.attrs.id)).toEqual([
      'm2',
      'm3',
    ]);
  });
});
