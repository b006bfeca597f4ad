/**
 * Delivery receipts (XEP-0184) and chat markers (XEP-0333) between two accounts on a real
 * Prosody: requested, answered (unless `answerReceipts` is false), reported as `delivery`
 * events, and believed only from the address the message was sent to.
 */
import type { DeliveryUpdate } from '@switchboard/core';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { xml } from '../extensions/xmlElement';
import { DeviceSuite, rawSender } from './devices.testkit';

const DOMAIN = 'receipts.test';
const USERS = ['alice', 'bob', 'mallory'].map((u) => ({ username: u, password: `${u}-pw` }));
const RECEIPT = /<received xmlns="urn:xmpp:receipts" id="([^"]+)"\/>/;

const states = (updates: readonly DeliveryUpdate[], id: string) =>
  updates.filter((u) => u.id === id).map((u) => u.state);

describe('receipts and chat markers on a real Prosody', () => {
  let server: ProsodyServer;
  const suite = new DeviceSuite(() => server, DOMAIN);

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }], carbons: true });
  });
  afterEach(() => suite.closeAll());
  afterAll(async () => {
    await server?.stop();
  });

  it('when bob gets a chat message, his account answers; alice gets accepted, then delivered', async () => {
    const alice = await suite.online('alice');
    const bob = await suite.online('bob');
    expect(alice.account.capabilities.receipts).toBe(true);
    const { id } = await alice.account.sendMessage({ to: `bob@${DOMAIN}`, body: 'receipt?' });
    await alice.waitFor('delivery', (u) => u.id === id && u.state === 'delivered', 'a receipt');
    expect(states(alice.all('delivery'), id)).toEqual(['accepted', 'delivered']);
    expect(alice.all('delivery').find((u) => u.state === 'delivered')).toEqual({
      id,
      to: `bob@${DOMAIN}`,
      state: 'delivered',
    });
    const sent = suite.logged(alice.account, 'out').find((s) => s.includes('receipt?')) ?? '';
    expect(sent).toContain('<request xmlns="urn:xmpp:receipts"/>');
    expect(sent).toContain('<markable xmlns="urn:xmpp:chat-markers:0"/>');
    const answers = suite.logged(bob.account, 'out').flatMap((s) => RECEIPT.exec(s)?.[1] ?? []);
    expect(answers).toEqual([id]);
  });

  it('when the message asks for nothing (requestReceipt false, or not chat), nothing is requested', async () => {
    const alice = await suite.online('alice');
    const bob = await suite.online('bob');
    await alice.account.sendMessage({ to: `bob@${DOMAIN}`, body: 'quiet', requestReceipt: false });
    await alice.account.sendMessage({ to: `bob@${DOMAIN}`, body: 'normal', type: 'normal' });
    await bob.waitFor('message', (m) => m.body === 'normal', 'the normal message');
    const sent = suite.logged(alice.account, 'out').filter((s) => /quiet|normal</.test(s));
    expect(sent).toHaveLength(2);
    for (const s of sent) expect(s).not.toMatch(/urn:xmpp:receipts|chat-markers/);
    expect(suite.logged(bob.account, 'out').join()).not.toMatch(RECEIPT);
  });

  it('with answerReceipts false, no receipt crosses the wire', async () => {
    const alice = await suite.online('alice');
    const bob = await suite.online('bob', { answerReceipts: false });
    const { id } = await alice.account.sendMessage({ to: `bob@${DOMAIN}`, body: 'unanswered' });
    await bob.waitFor('message', (m) => m.body === 'unanswered', 'the message');
    // A receipt would have been written before the message event; bob's reply comes after it.
    await bob.account.sendMessage({ to: `alice@${DOMAIN}`, body: 'reply', requestReceipt: false });
    await alice.waitFor('message', (m) => m.body === 'reply', 'the reply');
    expect(suite.logged(bob.account, 'out').join()).not.toMatch(/urn:xmpp:receipts/);
    expect(suite.logged(alice.account, 'in').join()).not.toMatch(RECEIPT);
    expect(states(alice.all('delivery'), id)).toEqual(['accepted']);
  });

  it('when bob marks the message read, alice gets read', async () => {
    const alice = await suite.online('alice');
    const bob = await suite.online('bob');
    expect(bob.account.capabilities.readMarkers).toBe(true);
    const { id } = await alice.account.sendMessage({ to: `bob@${DOMAIN}`, body: 'read me' });
    const got = await bob.waitFor('message', (m) => m.body === 'read me', 'the message');
    expect(got.id).toBe(id);
    await bob.account.markRead(got.from, id);
    await alice.waitFor('delivery', (u) => u.id === id && u.state === 'read', 'the read marker');
    expect(states(alice.all('delivery'), id)).toEqual(['accepted', 'delivered', 'read']);
    const marker = suite.logged(bob.account, 'out').find((s) => s.includes('<displayed'));
    expect(marker).toContain(`<displayed xmlns="urn:xmpp:chat-markers:0" id="${id}"/>`);
    expect(marker).toContain('<store xmlns="urn:xmpp:hints"/>');
  });

  it('ignores a receipt or marker from a third party for alice message id', async () => {
    const alice = await suite.online('alice');
    const bob = await suite.online('bob', { answerReceipts: false });
    const mallory = rawSender();
    const liar = await suite.online('mallory');
    liar.account.use(mallory.extension);
    const { id } = await alice.account.sendMessage({ to: `bob@${DOMAIN}`, body: 'private' });
    await bob.waitFor('message', (m) => m.body === 'private', 'the message');
    const to = alice.account.address ?? '';
    await mallory
      .context()
      .send(xml('message', { to }, xml('received', { xmlns: 'urn:xmpp:receipts', id })));
    await mallory
      .context()
      .send(xml('message', { to }, xml('displayed', { xmlns: 'urn:xmpp:chat-markers:0', id })));
    await liar.account.sendMessage({ to, body: 'done' });
    await alice.waitFor('message', (m) => m.body === 'done', 'the last message');
    // Both forgeries reached alice (Prosody orders attributes as it likes).
    const inbound = suite.logged(alice.account, 'in');
    for (const name of ['received', 'displayed']) {
      expect(inbound.some((s) => s.includes(`<${name} `) && s.includes(`id="${id}"`))).toBe(true);
    }
    expect(states(alice.all('delivery'), id)).toEqual(['accepted']);

    // bob's own marker still counts.
    await bob.account.markRead(`alice@${DOMAIN}`, id);
    await alice.waitFor('delivery', (u) => u.id === id && u.state === 'read', 'bob marker');
  });

  it('puts no credential in the stanza log', () => {
    const text = suite.log.map((e) => e.text).join('\n');
    expect(text.length).toBeGreaterThan(0);
    for (const user of USERS) expect(text).not.toContain(user.password);
  });
});
