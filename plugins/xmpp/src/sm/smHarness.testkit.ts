/**
 * A pretend connection for StreamManagement's unit tests: records what is sent, feeds inbound
 * elements through the middleware, and can answer acknowledgement requests, fail writes and
 * emit connection events.
 */
import type { Client } from '@xmpp/client-core';
import type { Context, Handler, Middleware } from '@xmpp/middleware';
import type { StreamFeatures } from '@xmpp/stream-features';
import xml, { type Element } from '@xmpp/xml';
import { resendPrevious } from './resendPrevious';
import { NS_SM, StreamManagement } from './StreamManagement';
import type { XmppContinuation } from './XmppContinuation';

/** A minimal entity: records what is sent and feeds inbound elements through the middleware. */
export function harness(
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

export const message = (n: number): Element =>
  xml('message', { to: 'you@sm.test', id: `m${n}`, type: 'chat' }, xml('body', {}, `body ${n}`));

/** Three messages a lost stream left unacknowledged. */
export const lost: XmppContinuation = {
  protocol: 'xmpp',
  stream: { id: 'old', inbound: 5, acked: 10, jid: 'me@sm.test/r1' },
  unacked: [1, 2, 3].map((n) => ({
    stanza: message(n),
    sentAt: new Date('2026-01-01T00:00:00Z'),
  })),
  seen: [],
};
