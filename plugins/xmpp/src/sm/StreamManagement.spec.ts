import type { Client } from '@xmpp/client-core';
import type { Context, Handler, Middleware } from '@xmpp/middleware';
import type { StreamFeatures } from '@xmpp/stream-features';
import xml, { type Element } from '@xmpp/xml';
import { resendPrevious } from './resendPrevious';
import { NS_SM, StreamManagement } from './StreamManagement';
import type { XmppContinuation } from './XmppContinuation';

/** A minimal entity: records what is sent and feeds inbound elements through the middleware. */
function harness(
  previous?: XmppContinuation,
  onStalled?: (waitedMs: number, unacknowledged: number) => void,
) {
  const inbound: Handler[] = [];
  const outbound: Handler[] = [];
  const features: Array<(ctx: Context, next: () => Promise<unknown>) => unknown> = [];
  const wire: string[] = [];
  let failAfter: number | undefined;
  let autoAck = false;
  /** Stanzas the pretend server got since `<enable/>` (or since resuming at `h`). */
  let serverCount = previous?.stream?.acked ?? 0;
  const hooks: Array<() => Promise<void>> = [];
  const handedOn: string[] = [];
  const listeners = new Map<string, Array<(...a: unknown[]) => void>>();
  let jid = 'me@sm.test/r1';
  const entity = {
    get jid() {
      const bare = jid.split('/')[0];
      return { toString: () => jid, bare: () => ({ toString: () => bare }) };
    },
    send: async (element: Element) => {
      // As HardenedClient: `sending` before the write, which may then fail.
      for (const l of listeners.get('sending') ?? []) l(element);
      if (element.name === 'message' && failAfter !== undefined && failAfter-- <= 0) {
        throw new Error('write failed');
      }
      wire.push(element.toString());
      const ctx = { stanza: element } as Context;
      for (const h of outbound) await h(ctx, async () => undefined);
      for (const l of listeners.get('nonza-out') ?? []) l(element);
      if (element.is('enable', NS_SM)) serverCount = 0;
      else if (['message', 'presence', 'iq'].includes(element.name)) serverCount += 1;
      // A server that answers every request for acknowledgement with what it got.
      if (autoAck && element.is('r', NS_SM)) {
        setTimeout(() => void receive(xml('a', { xmlns: NS_SM, h: String(serverCount) })), 0);
      }
    },
    on: (event: string, l: (...a: unknown[]) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), l]);
    },
    off: (event: string, l: (...a: unknown[]) => void) => {
      listeners.set(
        event,
        (listeners.get(event) ?? []).filter((x) => x !== l),
      );
    },
    hook: (_event: string, fn: () => Promise<void>) => {
      hooks.push(fn);
    },
    _jid: (value: string) => {
      jid = value;
    },
    _ready: () => undefined,
  } as unknown as Client;
  const middleware: Middleware = {
    use: (fn) => {
      inbound.push(fn);
      return fn;
    },
    filter: (fn) => {
      outbound.push(fn);
      return fn;
    },
  };
  const streamFeatures: StreamFeatures = {
    use: (_name, _ns, handler) => void features.push((ctx, next) => handler(ctx, next, xml('sm'))),
  };
  const handled: string[] = [];
  const written: string[] = [];
  const refused: string[] = [];
  const sm = new StreamManagement({
    entity,
    middleware,
    streamFeatures,
    previous,
    timeoutMs: 1_000,
    onHandled: (stanzas) => handled.push(...stanzas.map((s) => s.attrs.id ?? s.name)),
    ...(onStalled === undefined ? {} : { onStalled }),
  });
  const resend = (): Promise<number> =>
    resendPrevious(
      sm,
      entity,
      {
        written: (s) => written.push(s.attrs.id ?? ''),
        refused: (s) => refused.push(s.attrs.id ?? ''),
      },
      1_000,
    );
  const receive = async (element: Element): Promise<void> => {
    for (const h of inbound) {
      await h({ stanza: element } as Context, async () => {
        handedOn.push(element.attrs.id ?? element.name);
      });
    }
    const kind = ['message', 'presence', 'iq'].includes(element.name) ? 'stanza' : 'nonza';
    for (const l of listeners.get(kind) ?? []) l(element);
  };
  /** Runs the stream feature; `answers` are the server's replies, one per request. */
  const negotiate = async (...answers: Element[]): Promise<void> => {
    const feature = features[0];
    if (feature === undefined) throw new Error('no feature handler');
    const done = feature({} as Context, async () => undefined);
    for (const answer of answers) {
      await new Promise((r) => setTimeout(r, 0));
      await receive(answer);
    }
    await done;
  };
  return {
    sm,
    written: wire,
    receive,
    negotiate,
    send: (e: Element) => entity.send(e),
    resend,
    reports: { handled, written, refused },
    /** From now on, the pretend server answers each `<r/>`; `h` sets its count. */
    answerAcks: (h?: number) => {
      autoAck = true;
      if (h !== undefined) serverCount = h;
    },
    /** Message writes after the next `n` fail, as on a broken connection. */
    failAfter: (n: number) => {
      failAfter = n;
    },
    /** Runs the close hooks, as a requested close does. */
    close: async () => {
      for (const hook of hooks) await hook();
    },
    /** Inbound elements passed on to the handlers after stream management. */
    handedOn,
    emit: (event: string, ...args: unknown[]) => {
      for (const l of listeners.get(event) ?? []) l(...args);
    },
  };
}

const message = (n: number): Element =>
  xml('message', { to: 'you@sm.test', id: `m${n}`, type: 'chat' }, xml('body', {}, `body ${n}`));

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

  const lost: XmppContinuation = {
    protocol: 'xmpp',
    stream: { id: 'old', inbound: 5, acked: 10, jid: 'me@sm.test/r1' },
    unacked: [1, 2, 3].map((n) => ({
      stanza: message(n),
      sentAt: new Date('2026-01-01T00:00:00Z'),
    })),
    seen: [],
  };

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
