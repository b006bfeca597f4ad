import type { Middleware } from '@xmpp/middleware';
import xml, { type Element } from '@xmpp/xml';
import { Sasl2Gate } from './Sasl2Gate';
import { NS_SASL2 } from './sasl2Names';

type Handler = (ctx: { stanza: Element }, next: () => Promise<unknown>) => Promise<unknown>;

/** A gate on a stand-in middleware; `receive` runs one element through it. */
function gated(): { gate: Sasl2Gate; receive: (e: Element) => Promise<unknown>; passed: string[] } {
  let handler: Handler | undefined;
  const middleware = { use: (fn: Handler) => (handler = fn) } as unknown as Middleware;
  const gate = new Sasl2Gate(middleware);
  const passed: string[] = [];
  const receive = (stanza: Element) =>
    (handler as Handler)({ stanza }, async () => passed.push(stanza.attrs.id ?? stanza.name));
  return { gate, receive, passed };
}

const success = xml('success', { xmlns: NS_SASL2 });
const features = xml('stream:features', { 'xmlns:stream': 'http://etherx.jabber.org/streams' });
const message = (id: string) => xml('message', { id });

describe(Sasl2Gate, () => {
  it('when a success is verified, lets what followed it through in order, and not the features', async () => {
    const { gate, receive, passed } = gated();
    gate.authenticating();
    await receive(success);
    const held = [receive(message('m1')), receive(features), receive(message('m2'))];
    await new Promise((r) => setTimeout(r, 5));
    expect(passed).toEqual(['success']);
    gate.release(true);
    await Promise.all(held);
    await receive(message('m3'));
    expect(passed).toEqual(['success', 'm1', 'm2', 'm3']);
    expect(gate.succeeded).toBe(true);
  });

  it('when the success fails verification, drops what followed it', async () => {
    const { gate, receive, passed } = gated();
    gate.authenticating();
    await receive(success);
    const held = receive(message('m1'));
    gate.release(false);
    await held;
    await receive(message('m2'));
    expect(passed).toEqual(['success']);
  });

  it('when the success bound nothing (no Bind2), lets the next features through', async () => {
    const { gate, receive, passed } = gated();
    gate.authenticating();
    await receive(success);
    gate.release(true, false);
    await receive(features);
    expect(passed).toEqual(['success', 'stream:features']);
  });

  it('before any <authenticate/>, holds nothing', async () => {
    const { receive, passed } = gated();
    await receive(success);
    await receive(message('m1'));
    expect(passed).toEqual(['success', 'm1']);
  });
});
