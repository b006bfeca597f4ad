import {
  type Account,
  type ChatStateUpdate,
  type InboundMessage,
  Switchboard,
} from '@switchboard/core';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { jabberModule } from './jabberModule';

const DOMAIN = 'features.test';

function next<T>(
  account: Account,
  event: 'message' | 'chatState',
  match: (v: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within 5 s`)), 5000);
    const listener = (v: T): void => {
      if (!match(v)) return;
      clearTimeout(timer);
      account.off(event, listener as never);
      resolve(v);
    };
    account.on(event, listener as never);
  });
}

describe('IM features of the base XMPP plugin on a real Prosody', () => {
  let server: ProsodyServer;
  const switchboard = Switchboard.create({ modules: [xmppModule, jabberModule] });
  const open: Account[] = [];

  beforeAll(async () => {
    server = await startProsody({
      hosts: [
        {
          domain: DOMAIN,
          users: [
            { username: 'carol', password: 'carol-pw' },
            { username: 'dave', password: 'dave-pw' },
          ],
        },
      ],
    });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((a) => a.disconnect()));
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function online(user: string): Promise<Account> {
    const account = switchboard.createAccount({
      profile: 'jabber',
      address: `${user}@${DOMAIN}`,
      credential: { kind: 'password', password: `${user}-pw` },
      server: { host: server.host, port: server.port },
      tls: { ca: server.ca },
    });
    open.push(account);
    await account.connect();
    return account;
  }

  it('sends and receives chat states, alone and along with a message (XEP-0085)', async () => {
    const [carol, dave] = await Promise.all([online('carol'), online('dave')]);
    const typing = next<ChatStateUpdate>(dave, 'chatState');
    await carol.sendChatState(`dave@${DOMAIN}`, 'composing');
    await expect(typing).resolves.toEqual({ from: carol.address, state: 'composing' });
    const message = next<InboundMessage>(dave, 'message');
    await carol.sendMessage({ to: `dave@${DOMAIN}`, body: 'done typing', chatState: 'active' });
    await expect(message).resolves.toMatchObject({ body: 'done typing', chatState: 'active' });
  });

  it('stamps a message stored while the recipient was offline (XEP-0203)', async () => {
    const carol = await online('carol');
    const before = Date.now();
    await carol.sendMessage({ to: `dave@${DOMAIN}`, body: 'while you were out' });
    await new Promise((r) => setTimeout(r, 50));
    const dave = switchboard.createAccount({
      profile: 'jabber',
      address: `dave@${DOMAIN}`,
      credential: { kind: 'password', password: 'dave-pw' },
      server: { host: server.host, port: server.port },
      tls: { ca: server.ca },
    });
    open.push(dave);
    const delayed = next<InboundMessage>(dave, 'message', (m) => m.body === 'while you were out');
    await dave.connect();
    const message = await delayed;
    expect(message.delay?.from).toBe(DOMAIN);
    expect(message.delay?.stamp.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(message.delay?.stamp.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('publishes and fetches vCards (XEP-0054)', async () => {
    const [carol, dave] = await Promise.all([online('carol'), online('dave')]);
    await carol.setVCard({
      fullName: 'Carol Example',
      nickname: 'caz',
      email: 'carol@example.org',
    });
    await expect(carol.getVCard()).resolves.toEqual({
      fullName: 'Carol Example',
      nickname: 'caz',
      email: 'carol@example.org',
    });
    await expect(dave.getVCard(`carol@${DOMAIN}`)).resolves.toMatchObject({
      fullName: 'Carol Example',
    });
  });

  it('adds and removes roster contacts', async () => {
    const carol = await online('carol');
    await carol.addContact({ address: `erin@${DOMAIN}`, name: 'Erin', groups: ['Friends'] });
    expect(await carol.getRoster()).toContainEqual(
      expect.objectContaining({
        address: `erin@${DOMAIN}`,
        name: 'Erin',
        groups: ['Friends'],
        subscription: 'none',
      }),
    );
    await carol.removeContact(`erin@${DOMAIN}`);
    expect((await carol.getRoster()).map((i) => i.address)).not.toContain(`erin@${DOMAIN}`);
  });

  it('pings the server and learns its features (XEP-0199, XEP-0030)', async () => {
    const carol = await online('carol');
    await expect(carol.ping()).resolves.toBeGreaterThan(0);
    const capabilities = await carol.refreshCapabilities();
    expect(capabilities.ping).toBe(true);
    expect(capabilities['vcard.write']).toBe(true);
  });
});
