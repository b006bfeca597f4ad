import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { collect, DeliveryKit, DOMAIN, nextEvent, pause, USERS } from './deliveryKit.testkit';

describe('what the server tells the account reaches the host', () => {
  let server: ProsodyServer;
  const kit = new DeliveryKit(() => server);

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }] });
  });
  afterEach(() => kit.close());
  afterAll(() => server?.stop());

  it.each([
    {
      to: `nobody@${DOMAIN}`,
      condition: 'service-unavailable',
      what: 'a user that does not exist',
    },
    {
      to: 'bob@elsewhere.test',
      condition: 'not-allowed',
      what: 'a domain the server does not reach',
    },
  ])(
    'when a message goes to $what, the bounce is a bounced event tied to its id',
    async ({ to, condition }) => {
      const { account: alice } = await kit.online('alice');
      const messages = collect(alice, 'message');
      const bounced = nextEvent(alice, 'bounced');
      const result = await alice.sendMessage({ to, body: 'anyone there?' });
      const [bounce] = await bounced;
      expect(bounce).toEqual({
        id: result.id,
        to,
        error: expect.objectContaining({
          code: 'SB_MESSAGE_BOUNCED',
          details: expect.objectContaining({ condition, id: result.id }),
        }),
      });
      // The server confirmed it took the message (and then returned it): both are reported.
      expect(result.acknowledged).toBe(true);
      expect(messages).toEqual([]);
    },
  );

  it('when the server pushes a roster change, the account answers with a result and emits roster', async () => {
    const alice = await kit.online('alice');
    // Servers push roster changes to the resources that asked for the roster (RFC 6121 §2.1.6).
    await alice.account.getRoster();
    const { account: other } = await kit.online('alice', { resource: 'other' });
    const pushed = nextEvent(alice.account, 'roster', (item) => item.address === `carol@${DOMAIN}`);
    await other.addContact({ address: `carol@${DOMAIN}`, name: 'Carol', groups: ['Friends'] });
    const [item] = await pushed;
    expect(item).toEqual({
      address: `carol@${DOMAIN}`,
      name: 'Carol',
      subscription: 'none',
      groups: ['Friends'],
    });
    await pause(100);
    // Prosody writes attributes in no fixed order.
    const push = /<iq [^>]*type=["']set["'][^>]*>\s*<query [^>]*jabber:iq:roster/.exec(
      alice.received(),
    );
    expect(push).not.toBeNull();
    const id = /\bid=["']([^"']+)["']/.exec(push?.[0] ?? '')?.[1];
    const upstream = alice.sentText();
    expect(upstream).toMatch(
      new RegExp(`<iq [^>]*id="${id}"[^>]*type="result"|<iq [^>]*type="result"[^>]*id="${id}"`),
    );
    expect(upstream).not.toContain('service-unavailable');

    const removed = nextEvent(alice.account, 'roster', (i) => i.subscription === 'remove');
    await other.removeContact(`carol@${DOMAIN}`);
    expect((await removed)[0]).toMatchObject({
      address: `carol@${DOMAIN}`,
      subscription: 'remove',
    });
  });

  it("when the server reflects the account's own presence, it is not reported as a contact's", async () => {
    const tapped = await kit.online('alice', { initialPresence: false });
    const alice = tapped.account;
    const presences = collect(alice, 'presence');
    await alice.sendPresence({ availability: 'away', status: 'lunch' });
    await pause(300);
    // Prosody did send it back (RFC 6121 §4.2.2), to the very resource that sent it.
    expect(tapped.received()).toMatch(
      new RegExp(`<presence [^>]*from=["']${alice.address}["'][\\s\\S]*?lunch`),
    );
    expect(presences.filter((p) => p.from === alice.address)).toEqual([]);
  });
});
