import type { SwitchboardError } from '@switchboard/core';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { collect, DeliveryKit, DOMAIN, nextEvent, USERS } from './deliveryKit.testkit';

/** Prosody closes the stream with policy-violation on a stanza above this (its minimum). */
const SERVER_LIMIT = 10_000;

describe('a message the server refuses by closing the stream (real Prosody)', () => {
  let server: ProsodyServer;
  const kit = new DeliveryKit(() => server);

  beforeAll(async () => {
    server = await startProsody({
      hosts: [{ domain: DOMAIN, users: USERS }],
      extraConfig: `c2s_stanza_size_limit = ${SERVER_LIMIT}`,
    });
  });
  afterEach(() => kit.close());
  afterAll(() => server?.stop());

  it('is isolated and rejected with SB_MESSAGE_REFUSED; the messages around it arrive once, in order, and the account goes on', async () => {
    // The account's own limit is the default 256 KiB: only the server knows its smaller one.
    const { account: alice } = await kit.online('alice');
    const { account: bob } = await kit.online('bob');
    const received = collect(bob, 'message');
    const reconnects = collect(alice, 'reconnecting');
    const to = `bob@${DOMAIN}`;
    const before = ['one', 'two', 'three'].map((body) => alice.sendMessage({ to, body }));
    const poison = alice.sendMessage({ to, body: 'x'.repeat(SERVER_LIMIT * 2) });
    const after = ['four', 'five'].map((body) => alice.sendMessage({ to, body }));
    const refused: SwitchboardError = await poison.then(
      () => {
        throw new Error('the oversized message was reported sent');
      },
      (error: SwitchboardError) => error,
    );
    expect(refused).toMatchObject({
      code: 'SB_MESSAGE_REFUSED',
      details: { condition: 'policy-violation', to },
    });
    await expect(Promise.all([...before, ...after])).resolves.toHaveLength(5);
    // The last ones may be confirmed while the session that resent them is still logging in.
    if (alice.state !== 'online') await nextEvent(alice, 'online');
    if (!received.some((m) => m.body === 'five')) {
      await nextEvent(bob, 'message', (m) => m.body === 'five');
    }
    expect(received.map((m) => m.body)).toEqual(['one', 'two', 'three', 'four', 'five']);
    // One loss when the server closed the stream on it, one more when the resend isolated it;
    // a third when the server's reset swallowed its stream error (it closes a connection it
    // has not finished reading), and the message had to end a second connection to be blamed.
    expect(reconnects.length).toBeGreaterThanOrEqual(2);
    expect(reconnects.length).toBeLessThanOrEqual(3);
    expect(alice.state).toBe('online');
    await expect(alice.sendMessage({ to, body: 'six' })).resolves.toMatchObject({
      acknowledged: true,
    });
  });
});
