import xml from '@xmpp/xml';
import { NS_SM, StreamManagement } from './StreamManagement';
import { harness, lost, message } from './smHarness.testkit';

describe(StreamManagement, () => {
  it('keeps what the server has not acknowledged and ignores impossible acknowledgements', async () => {
    const h = harness();
    await h.negotiate(xml('enabled', { xmlns: NS_SM, id: 'stream-1', resume: 'true' }));
    expect(h.written).toContain(`<enable xmlns="${NS_SM}" resume="true"/>`);
    for (const n of [1, 2, 3]) await h.send(message(n));
    await h.receive(xml('a', { xmlns: NS_SM, h: '2' }));
    expect(h.sm.unacknowledged).toBe(1);
    for (const bogus of ['99', '-1', '1', 'x', '1e3']) {
      await h.receive(xml('a', { xmlns: NS_SM, h: bogus }));
    }
    expect(h.sm.unacknowledged).toBe(1);
    await h.receive(message(7));
    await h.receive(message(8));
    const next = h.sm.continuation(['k']);
    expect(next.stream).toEqual({ id: 'stream-1', inbound: 2, acked: 2, jid: 'me@sm.test/r1' });
    expect(next.unacked.map((u) => u.stanza.attrs.id)).toEqual(['m3']);
    expect(next.seen).toEqual(['k']);
  });

  it('answers a request for acknowledgement with the number of stanzas received', async () => {
    const h = harness();
    await h.negotiate(xml('enabled', { xmlns: NS_SM, id: 's', resume: 'true' }));
    await h.receive(message(1));
    await h.receive(xml('presence', { from: 'you@sm.test/x' }));
    await h.receive(xml('r', { xmlns: NS_SM }));
    await new Promise((r) => setTimeout(r, 0));
    expect(h.written.at(-1)).toBe(`<a xmlns="${NS_SM}" h="2"/>`);
  });

  it('without resume permission, leaves no stream to resume but still the unacknowledged stanzas', async () => {
    const h = harness();
    await h.negotiate(xml('enabled', { xmlns: NS_SM, id: 's' }));
    await h.send(message(1));
    const next = h.sm.continuation([]);
    expect(next.stream).toBeUndefined();
    expect(next.unacked).toHaveLength(1);
  });

  it('reports the acknowledged stanzas: those <a/> covers, and on resumption those the old stream handled', async () => {
    const h = harness();
    await h.negotiate(xml('enabled', { xmlns: NS_SM, id: 's', resume: 'true' }));
    for (const n of [1, 2, 3]) await h.send(message(n));
    await h.receive(xml('a', { xmlns: NS_SM, h: '2' }));
    expect(h.reports.handled).toEqual(['m1', 'm2']);
    const resumed = harness(lost);
    await resumed.negotiate(xml('resumed', { xmlns: NS_SM, previd: 'old', h: '12' }));
    expect(resumed.reports.handled).toEqual(['m1', 'm2']);
    await resumed.resend();
    await resumed.receive(xml('a', { xmlns: NS_SM, h: '13' }));
    expect(resumed.reports.handled).toEqual(['m1', 'm2', 'm3']);
  });

  it('marks what this stream left unacknowledged as suspect when asked', async () => {
    const h = harness();
    await h.negotiate(xml('enabled', { xmlns: NS_SM, id: 's', resume: 'true' }));
    await h.send(message(1));
    expect(h.sm.continuation([], { suspect: true }).unacked[0]?.suspect).toBe(true);
    expect(h.sm.continuation([]).unacked[0]?.suspect).toBeUndefined();
  });

  it('when the connection fails before stream management (e.g. at SASL), the previous stream stays resumable', async () => {
    const h = harness(lost);
    const next = h.sm.continuation(['k']);
    expect(next.stream).toEqual(lost.stream);
    expect(next.unacked.map((u) => u.stanza.attrs.id)).toEqual(['m1', 'm2', 'm3']);
    const refused = harness(lost);
    await refused.negotiate(
      xml('failed', { xmlns: NS_SM }),
      xml('enabled', { xmlns: NS_SM, id: 'new', resume: 'true' }),
    );
    expect(refused.sm.continuation([]).stream).toMatchObject({ id: 'new' });
  });

  it('when a request for acknowledgement goes unanswered while stanzas are outstanding, reports the stall', async () => {
    jest.useFakeTimers();
    try {
      const stalls: Array<[number, number]> = [];
      const h = harness(undefined, (waited, count) => stalls.push([waited, count]));
      const negotiated = h.negotiate(xml('enabled', { xmlns: NS_SM, id: 's', resume: 'true' }));
      await jest.advanceTimersByTimeAsync(10);
      await negotiated;
      await h.send(message(1));
      await jest.advanceTimersByTimeAsync(100);
      expect(h.written.at(-1)).toBe(`<r xmlns="${NS_SM}"/>`);
      await jest.advanceTimersByTimeAsync(999);
      expect(stalls).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(stalls).toEqual([[1_000, 1]]);
      // An answer in time keeps it quiet.
      const calm = harness(undefined, (waited, count) => stalls.push([waited, count]));
      const enabled = calm.negotiate(xml('enabled', { xmlns: NS_SM, id: 's', resume: 'true' }));
      await jest.advanceTimersByTimeAsync(10);
      await enabled;
      await calm.send(message(2));
      await jest.advanceTimersByTimeAsync(500);
      await calm.receive(xml('a', { xmlns: NS_SM, h: '1' }));
      await jest.advanceTimersByTimeAsync(5_000);
      expect(stalls).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('on a requested close, acknowledges what it handled and leaves later stanzas to the server', async () => {
    const h = harness();
    await h.negotiate(xml('enabled', { xmlns: NS_SM, id: 's', resume: 'true' }));
    await h.receive(message(1));
    await h.close();
    expect(h.written.at(-1)).toBe(`<a xmlns="${NS_SM}" h="1"/>`);
    await h.receive(message(2));
    expect(h.handedOn.filter((id) => id.startsWith('m'))).toEqual(['m1']);
  });

  it('keeps watching for an answer when an <a/> answered an older request and stanzas are still out', async () => {
    jest.useFakeTimers();
    try {
      const stalls: number[] = [];
      const h = harness(undefined, (_waited, count) => stalls.push(count));
      const negotiated = h.negotiate(xml('enabled', { xmlns: NS_SM, id: 's', resume: 'true' }));
      await jest.advanceTimersByTimeAsync(10);
      await negotiated;
      await h.send(message(1));
      await jest.advanceTimersByTimeAsync(100);
      await h.send(message(2));
      // The answer to the first request covers m1 only.
      await h.receive(xml('a', { xmlns: NS_SM, h: '1' }));
      await jest.advanceTimersByTimeAsync(1_100);
      expect(stalls).toEqual([1]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('counts a stanza handed to the socket even when its write then fails', async () => {
    const h = harness();
    await h.negotiate(xml('enabled', { xmlns: NS_SM, id: 's', resume: 'true' }));
    h.failAfter(0);
    const m1 = message(1);
    await expect(h.send(m1)).rejects.toThrow('write failed');
    expect(h.sm.holds(m1)).toBe(true);
    expect(h.sm.continuation([]).unacked.map((u) => u.stanza.attrs.id)).toEqual(['m1']);
  });
});
