import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { collect, DeliveryKit, DOMAIN, nextEvent, USERS } from './deliveryKit.testkit';

describe('what the server could not take is refused before anything is sent', () => {
  let server: ProsodyServer;
  const kit = new DeliveryKit(() => server);

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }] });
  });
  afterEach(() => kit.close());
  afterAll(() => server?.stop());

  it.each([
    { body: 'nul \u0000 here', character: 'U+0000' },
    { body: 'not a character \uFFFE', character: 'U+FFFE' },
    { body: 'lone surrogate \uD800 here', character: 'U+D800' },
  ])(
    'when the body holds $character, SB_CONTENT_INVALID for that message only; the next one arrives',
    async ({ body, character }) => {
      const { account: alice, tap } = await kit.online('alice');
      const { account: bob } = await kit.online('bob');
      const states = collect(alice, 'state');
      const upstream = tap.clientToServer().length;
      await expect(alice.sendMessage({ to: `bob@${DOMAIN}`, body })).rejects.toMatchObject({
        code: 'SB_CONTENT_INVALID',
        details: { field: 'body', character },
      });
      expect(tap.clientToServer().length).toBe(upstream);
      const arrived = nextEvent(bob, 'message', (m) => m.body === 'after');
      await expect(
        alice.sendMessage({ to: `bob@${DOMAIN}`, body: 'after' }),
      ).resolves.toMatchObject({
        acknowledged: true,
      });
      await arrived;
      expect(states).toEqual([]);
    },
  );

  it.each([
    { to: '', reason: 'empty' },
    { to: 'not a jid', reason: 'domainpart' },
    { to: '@sb.test', reason: 'localpart' },
    { to: `bob@${DOMAIN}/${'r'.repeat(3000)}`, reason: 'too-long' },
    { to: `bob\u0000@${DOMAIN}`, reason: 'invalid-character' },
  ])(
    'when the address is bad ($reason), SB_ADDRESS_INVALID naming the field; nothing sent',
    async ({ to, reason }) => {
      const { account: alice, tap } = await kit.online('alice');
      const upstream = tap.clientToServer().length;
      await expect(alice.sendMessage({ to, body: 'x' })).rejects.toMatchObject({
        code: 'SB_ADDRESS_INVALID',
        details: { field: 'to', reason },
      });
      await expect(alice.subscribe(to)).rejects.toMatchObject({ code: 'SB_ADDRESS_INVALID' });
      await expect(alice.addContact({ address: to })).rejects.toMatchObject({
        code: 'SB_ADDRESS_INVALID',
      });
      expect(tap.clientToServer().length).toBe(upstream);
      expect(alice.state).toBe('online');
    },
  );

  it('when a text of another request holds a forbidden character, that request is refused and the session stays', async () => {
    const { account: alice } = await kit.online('alice');
    await expect(alice.sendPresence({ status: 'away \u0001' })).rejects.toMatchObject({
      code: 'SB_CONTENT_INVALID',
      details: { field: 'presence/status' },
    });
    await expect(alice.setVCard({ fullName: 'A\uFFFF' })).rejects.toMatchObject({
      code: 'SB_CONTENT_INVALID',
    });
    await expect(alice.ping()).resolves.toEqual(expect.any(Number));
  });

  it('when the message is larger than the account sends (default 256 KiB), SB_MESSAGE_TOO_LARGE and nothing sent', async () => {
    const { account: alice, tap } = await kit.online('alice');
    const upstream = tap.clientToServer().length;
    await expect(
      alice.sendMessage({ to: `bob@${DOMAIN}`, body: 'x'.repeat(300 * 1024) }),
    ).rejects.toMatchObject({ code: 'SB_MESSAGE_TOO_LARGE', details: { limit: 262_144 } });
    expect(tap.clientToServer().length).toBe(upstream);
    await expect(alice.sendMessage({ to: `bob@${DOMAIN}`, body: 'small' })).resolves.toMatchObject({
      acknowledged: true,
    });
  });

  it('when an account address is not a JID, createAccount refuses it naming the field', async () => {
    await expect(kit.online('not a user')).rejects.toMatchObject({
      code: 'SB_ADDRESS_INVALID',
      details: { field: 'address' },
    });
  });
});
