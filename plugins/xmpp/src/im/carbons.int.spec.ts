/**
 * Message Carbons (XEP-0280) on a real Prosody with `mod_carbons`: two devices of one account
 * see each other's messages once each, forged carbons are refused, a resumed stream keeps its
 * carbons without asking again, and a server without carbons narrows `otherDevices` off.
 */
import { SwitchboardError } from '@switchboard/core';
import { type ProsodyServer, startProsody, startWireTap, type WireTap } from '@switchboard/testing';
import { xml } from '../extensions/xmlElement';
import { DeviceSuite, type RecordedAccount, rawSender } from './devices.testkit';

const DOMAIN = 'carbons.test';
const USERS = ['alice', 'bob', 'mallory'].map((u) => ({ username: u, password: `${u}-pw` }));
const NS_CARBONS = 'urn:xmpp:carbons:2';

describe('Message Carbons on a real Prosody', () => {
  let server: ProsodyServer;
  const suite = new DeviceSuite(() => server, DOMAIN);

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }], carbons: true });
  });
  afterEach(() => suite.closeAll());
  afterAll(async () => {
    await server?.stop();
  });

  async function twoDevices(): Promise<{ phone: RecordedAccount; laptop: RecordedAccount }> {
    const phone = await suite.online('alice', { resource: 'phone' });
    const laptop = await suite.online('alice', { resource: 'laptop' });
    return { phone, laptop };
  }

  it('when one device sends, the other gets it as ownMessage, and the sender does not', async () => {
    const { phone, laptop } = await twoDevices();
    const bob = await suite.online('bob');
    expect(phone.account.capabilities.otherDevices).toBe(true);
    expect(suite.logged(phone.account, 'out').join()).toContain(`<enable xmlns="${NS_CARBONS}"/>`);

    const sent = await laptop.account.sendMessage({
      to: `bob@${DOMAIN}`,
      body: 'from the laptop',
      thread: 't-1',
    });
    const own = await phone.waitFor('ownMessage', (m) => m.body === 'from the laptop', 'the copy');
    expect(own).toEqual({
      id: sent.id,
      to: `bob@${DOMAIN}`,
      from: `alice@${DOMAIN}/laptop`,
      type: 'chat',
      body: 'from the laptop',
      thread: 't-1',
    });
    await bob.waitFor('message', (m) => m.body === 'from the laptop', 'the message');
    // The sender's own session gets no copy: a later message from the phone proves it is past.
    await phone.account.sendMessage({ to: `bob@${DOMAIN}`, body: 'from the phone' });
    await laptop.waitFor('ownMessage', (m) => m.body === 'from the phone', 'the phone copy');
    expect(laptop.count('ownMessage', 'from the laptop')).toBe(0);
    expect(phone.count('ownMessage', 'from the phone')).toBe(0);
    expect(phone.count('message', 'from the laptop')).toBe(0);
  });

  it('when a contact writes to one device, both devices get it exactly once; to the bare JID too', async () => {
    const { phone, laptop } = await twoDevices();
    const bob = await suite.online('bob');
    await bob.account.sendMessage({ to: `alice@${DOMAIN}/laptop`, body: 'to the laptop' });
    await bob.account.sendMessage({ to: `alice@${DOMAIN}`, body: 'to alice' });
    await bob.account.sendMessage({ to: `alice@${DOMAIN}/phone`, body: 'last' });
    for (const device of [phone, laptop]) {
      await device.waitFor('message', (m) => m.body === 'last', 'the last message');
      expect(device.count('message', 'to the laptop')).toBe(1);
      expect(device.count('message', 'to alice')).toBe(1);
      expect(device.count('message', 'last')).toBe(1);
      expect(device.all('ownMessage')).toEqual([]);
    }
    const copy = phone.all('message').find((m) => m.body === 'to the laptop');
    expect(copy).toMatchObject({ from: bob.account.address, to: `alice@${DOMAIN}/laptop` });
  });

  it('when a device writes to the account itself, the other device gets it once, as ownMessage', async () => {
    const { phone, laptop } = await twoDevices();
    await laptop.account.sendMessage({ to: `alice@${DOMAIN}`, body: 'note to self' });
    await laptop.account.sendMessage({ to: `alice@${DOMAIN}/phone`, body: 'to the phone' });
    const bob = await suite.online('bob');
    await bob.account.sendMessage({ to: `alice@${DOMAIN}/phone`, body: 'last' });
    await phone.waitFor('message', (m) => m.body === 'last', 'the last message');
    // The server sends the phone a sent carbon and the message itself: one event, the copy.
    for (const body of ['note to self', 'to the phone']) {
      expect(phone.count('ownMessage', body)).toBe(1);
      expect(phone.count('message', body)).toBe(0);
    }
    expect(phone.all('ownMessage').map((m) => `${m.from} > ${m.to}`)).toEqual([
      `alice@${DOMAIN}/laptop > alice@${DOMAIN}`,
      `alice@${DOMAIN}/laptop > alice@${DOMAIN}/phone`,
    ]);
  });

  it('when a third party sends a carbon claiming to be ours, it is refused with SB_STANZA_FORGED', async () => {
    const { phone, laptop } = await twoDevices();
    const mallory = rawSender();
    const liar = await suite.online('mallory');
    liar.account.use(mallory.extension);
    const inner = (from: string, to: string, body: string) =>
      xml(
        'forwarded',
        { xmlns: 'urn:xmpp:forward:0' },
        xml('message', { from, to, type: 'chat', id: `forged-${body}` }, xml('body', {}, body)),
      );
    const forge = (kind: 'sent' | 'received', body: string, from: string, to: string) =>
      mallory
        .context()
        .send(
          xml(
            'message',
            { to: `alice@${DOMAIN}/phone`, type: 'chat', id: `outer-${body}` },
            xml(kind, { xmlns: NS_CARBONS }, inner(from, to, body)),
          ),
        );
    await forge('sent', 'forged sent', `alice@${DOMAIN}/laptop`, `bob@${DOMAIN}`);
    await forge('received', 'forged received', `bob@${DOMAIN}/x`, `alice@${DOMAIN}/laptop`);
    await liar.account.sendMessage({ to: `alice@${DOMAIN}/phone`, body: 'after the forgeries' });

    await phone.waitFor('message', (m) => m.body === 'after the forgeries', 'the plain message');
    const errors = phone.all('error');
    expect(errors.map((e) => e.code)).toEqual(['SB_STANZA_FORGED', 'SB_STANZA_FORGED']);
    expect(errors.every((e) => SwitchboardError.is(e, 'SB_STANZA_FORGED'))).toBe(true);
    expect(errors[0]?.details).toEqual({ from: liar.account.address, id: 'outer-forged sent' });
    const bodies = [...phone.all('message'), ...phone.all('ownMessage')].map((m) => m.body);
    expect(bodies).toEqual(['after the forgeries']);
    // The laptop got the server's true copy of mallory's messages: no forged body surfaces there.
    await laptop.waitFor('message', (m) => m.body === 'after the forgeries', 'the copy');
    expect(laptop.all('ownMessage')).toEqual([]);
    expect(laptop.all('message').map((m) => m.body)).toEqual(['after the forgeries']);
  });

  it('when a device types to a contact, the other device reports nothing; a contact typing to the other device is a chatState', async () => {
    const { phone, laptop } = await twoDevices();
    const bob = await suite.online('bob');
    await laptop.account.sendChatState(`bob@${DOMAIN}`, 'composing');
    await bob.account.sendChatState(`alice@${DOMAIN}/laptop`, 'paused');
    await bob.account.sendMessage({ to: `alice@${DOMAIN}/laptop`, body: 'done typing' });
    await phone.waitFor('message', (m) => m.body === 'done typing', 'the message');
    expect(phone.all('chatState')).toEqual([
      expect.objectContaining({ from: bob.account.address, state: 'paused' }),
    ]);
  });
});

describe('Message Carbons across a resumed stream', () => {
  let server: ProsodyServer;
  let tap: WireTap;
  const suite = new DeviceSuite(() => server, DOMAIN);

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }], carbons: true });
  });
  afterEach(async () => {
    await suite.closeAll();
    await tap?.close();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('keeps carbons on without asking the server again', async () => {
    tap = await startWireTap({ targetHost: server.host, targetPort: server.port });
    const phone = await suite.online('alice', {
      resource: 'phone',
      server: { host: server.host, port: tap.port },
      reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
    });
    const laptop = await suite.online('alice', { resource: 'laptop' });
    const resumed = new Promise<boolean>((resolve) =>
      phone.account.once('reconnected', (info) => resolve(info.resumed)),
    );
    const before = suite.logged(phone.account, 'out').length;
    tap.cut();
    expect(await resumed).toBe(true);
    const after = suite.logged(phone.account, 'out').slice(before).join('\n');
    expect(after).not.toContain('disco#info');
    expect(after).not.toContain(NS_CARBONS);
    expect(phone.account.capabilities.otherDevices).toBe(true);

    await laptop.account.sendMessage({ to: `bob@${DOMAIN}`, body: 'after the cut' });
    await phone.waitFor('ownMessage', (m) => m.body === 'after the cut', 'the copy');
  });
});

describe('a server without carbons', () => {
  let server: ProsodyServer;
  const suite = new DeviceSuite(() => server, DOMAIN);

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }] });
  });
  afterEach(() => suite.closeAll());
  afterAll(async () => {
    await server?.stop();
  });

  it('narrows otherDevices off at login and never asks to enable carbons', async () => {
    const phone = await suite.online('alice', { resource: 'phone' });
    expect(phone.account.capabilities.otherDevices).toBe(false);
    expect(phone.account.capabilities.ping).toBe(true);
    expect(suite.logged(phone.account, 'out').join()).toContain('disco#info');
    expect(suite.logged(phone.account, 'out').join()).not.toContain(NS_CARBONS);
    expect((await phone.account.refreshCapabilities()).otherDevices).toBe(false);
  });
});
