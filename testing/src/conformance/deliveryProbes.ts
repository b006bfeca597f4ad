/**
 * The conformance checks of `otherDevices` (XEP-0280 carbons: a second session of the account
 * sees what the first sends), `receipts` (XEP-0184, both ways) and `readMarkers` (XEP-0333, both
 * ways), against the kit's own Jabber peer.
 */
import type { Account, AccountEvents } from '@switchboard/core';
import type { HonourProbe } from './honourProbes';
import { attrs, bare } from './peerXml';
import type { XmlElement } from './StanzaReader';

type Check = Omit<HonourProbe, 'label'> & { readonly name: string };
type Payload<K extends 'ownMessage' | 'delivery'> = Parameters<AccountEvents[K]>[0];

const NS_RECEIPTS = 'urn:xmpp:receipts';
const NS_MARKERS = 'urn:xmpp:chat-markers:0';

/** The first `name` event `match` accepts from now on; rejects after 10 s naming `what`. */
function nextEvent<K extends 'ownMessage' | 'delivery'>(
  account: Account,
  name: K,
  match: (payload: Payload<K>) => boolean,
  what: string,
): Promise<Payload<K>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      account.off(name, listener as never);
      reject(new Error(`The account got no ${what}.`));
    }, 10_000);
    const listener = (payload: Payload<K>): void => {
      if (!match(payload)) return;
      clearTimeout(timer);
      account.off(name, listener as never);
      resolve(payload);
    };
    account.on(name, listener as never);
  });
}

const child = (stanza: XmlElement, name: string, xmlns: string): XmlElement | undefined =>
  stanza.children.find((c) => c.name === name && c.attrs.xmlns === xmlns);
const hasBody = (body: string) => (s: XmlElement) =>
  s.name === 'message' && s.children.some((c) => c.name === 'body' && c.text === body);

export const otherDevicesCheck = (): Check => ({
  name: 'ownMessage from another session of the account',
  run: async ({ account, peer, sibling }) => {
    const other = (await sibling()).account;
    const body = 'otherDevices: sent by the other session';
    const copy = nextEvent(account, 'ownMessage', (m) => m.body === body, 'the copy');
    await other.sendMessage({ to: bare(peer.address), body });
    expect(await copy).toMatchObject({ to: bare(peer.address), from: other.address, body });
    await peer.waitForMessage(body);
  },
});

export const receiptsCheck = (): Check => ({
  name: 'receipts requested, answered and reported',
  run: async ({ account, peer }) => {
    const body = 'receipts: please confirm';
    const delivered = (id: string) =>
      nextEvent(account, 'delivery', (u) => u.id === id && u.state === 'delivered', 'a receipt');
    const sent = await account.sendMessage({ to: peer.address, body });
    const waiting = delivered(sent.id);
    const got = await peer.waitFor(hasBody(body), 'the message');
    expect(child(got, 'request', NS_RECEIPTS)).toBeDefined();
    peer.sendRaw(
      `<message${attrs({ to: got.attrs.from })}><received${attrs({ xmlns: NS_RECEIPTS, id: got.attrs.id })}/></message>`,
    );
    await waiting;
    peer.sendRaw(
      `<message${attrs({ to: account.address, type: 'chat', id: 'kit-r1' })}><body>confirm?</body><request${attrs({ xmlns: NS_RECEIPTS })}/></message>`,
    );
    await peer.waitFor(
      (s) => s.name === 'message' && child(s, 'received', NS_RECEIPTS)?.attrs.id === 'kit-r1',
      "the account's receipt",
    );
  },
});

export const readMarkersCheck = (): Check => ({
  name: 'markRead, and read from a displayed marker',
  run: async ({ account, peer }) => {
    const body = 'readMarkers: mark me';
    const sent = await account.sendMessage({ to: peer.address, body });
    const read = nextEvent(
      account,
      'delivery',
      (u) => u.id === sent.id && u.state === 'read',
      'read',
    );
    const got = await peer.waitFor(hasBody(body), 'the message');
    expect(child(got, 'markable', NS_MARKERS)).toBeDefined();
    peer.sendRaw(
      `<message${attrs({ to: got.attrs.from, type: 'chat' })}><displayed${attrs({ xmlns: NS_MARKERS, id: got.attrs.id })}/></message>`,
    );
    await read;
    await account.markRead(peer.address, 'kit-m1');
    await peer.waitFor(
      (s) => s.name === 'message' && child(s, 'displayed', NS_MARKERS)?.attrs.id === 'kit-m1',
      'the displayed marker',
    );
  },
});
