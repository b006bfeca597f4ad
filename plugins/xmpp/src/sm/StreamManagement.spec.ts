import type { Client } from '@xmpp/client-core';
import type { Context, Handler, Middleware } from '@xmpp/middleware';
import type { StreamFeatures } from '@xmpp/stream-features';
import xml, { type Element } from '@xmpp/xml';
import { NS_SM, StreamManagement } from './StreamManagement';
import type { XmppContinuation } from './XmppContinuation';

/** A minimal entity: records what is sent and feeds inbound elements through the middleware. */
function harness(previous?: XmppContinuation) {
  const inbound: Handler[] = [];
  const outbound: Handler[] = [];
  const features: Array<(ctx: Context, next: () => Promise<unknown>) => unknown> = [];
  const written: string[] = [];
  const listeners = new Map<string, Array<(...a: unknown[]) => void>>();
  let jid = 'me@sm.test/r1';
  const entity = {
    get jid() {
      const bare = jid.split('/')[0];
      return { toString: () => jid, bare: () => ({ toString: () => bare }) };
    },
    send: async (element: Element) => {
      written.push(element.toString());
      const ctx = { stanza: element } as Context;
      for (const h of outbound) await h(ctx, async () => undefined);
      for (const l of listeners.get('nonza-out') ?? []) l(element);
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
    hook: () => undefined,
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
  const sm = new StreamManagement({
    entity,
    middleware,
    streamFeatures,
    previous,
    timeoutMs: 1_000,
  });
  const receive = async (element: Element): Promise<void> => {
    for (const h of inbound) await h({ stanza: element } as Context, async () => undefined);
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
  return { sm, written, receive, negotiate, send: (e: Element) => entity.send(e) };
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
    expect(await h.sm.resendPrevious()).toBe(2);
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
    // The refusal said 11 of the old stream arrived: m1 is not sent again.
    expect(await h.sm.resendPrevious()).toBe(2);
  });
});
