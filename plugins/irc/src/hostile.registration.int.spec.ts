/**
 * Hostile IRC servers during registration: each ends the login with a coded error, in bounded
 * time, without credentials on an insecure link and without crashing the process.
 */
import type { StateChange } from '@switchboard/core';
import type { HostileHarness } from '@switchboard/testing';
import { expectData, sendData, waitFor } from '@switchboard/testing';
import {
  ackCaps,
  expectOpening,
  ircHostileHarness,
  login,
  offerCaps,
  PASSWORD,
  PLAIN_PAYLOAD,
  plainExchange,
} from './test/ircHostileKit';

const never = (): Promise<void> => new Promise(() => undefined);

describe('IrcPlugin against hostile servers during registration', () => {
  let harness: HostileHarness;

  beforeEach(() => {
    harness = ircHostileHarness();
  });
  afterEach(async () => {
    expect(harness.faults()).toEqual([]);
    await harness.reset();
  });

  it('when the server never finishes registration, fails with SB_TIMEOUT', async () => {
    const { server, account } = await harness.serve([expectOpening(), waitFor(never)]);
    const error = await harness.connectToFail(account);
    expect(error?.code).toBe('SB_TIMEOUT');
    expect(error?.details.timeoutMs).toBe(1_000);
    expect(server.received()).toContain('CAP LS 302');
  });

  it('when the server trickles numerics forever without a welcome, fails with SB_TIMEOUT', async () => {
    const trickle = Array.from({ length: 200 }, () => [
      sendData(':irc.test NOTICE * :*** still looking up your hostname\r\n'),
      waitFor(() => new Promise((r) => setTimeout(r, 20))),
    ]).flat();
    const { account } = await harness.serve([expectOpening(), ...trickle]);
    const error = await harness.connectToFail(account);
    expect(error?.code).toBe('SB_TIMEOUT');
  });

  it('when the server floods numerics before answering CAP LS, refuses with SB_IRC_MALFORMED', async () => {
    const flood = ':irc.test 372 alice :- flood\r\n'.repeat(5_000);
    const { account } = await harness.serve([expectOpening(), sendData(flood), waitFor(never)]);
    const error = await harness.connectToFail(account);
    expect(error?.code).toBe('SB_IRC_MALFORMED');
    expect(error?.details.reason).toBe('registration-flood');
  });

  it('when the welcome burst never ends and floods lines, refuses with a coded error', async () => {
    const burst = ':irc.test NOTICE alice :spam spam spam spam spam spam spam spam spam\r\n';
    const { account } = await harness.serve([
      ...login().slice(0, -1),
      sendData(':irc.test 001 alice :Welcome\r\n'),
      ...Array.from({ length: 20 }, () => sendData(burst.repeat(500))),
      waitFor(never),
    ]);
    const error = await harness.connectToFail(account);
    expect(error?.code).toBe('SB_IRC_MALFORMED');
    expect(error?.details.reason).toBe('registration-flood');
  });

  it('when the server answers 904, fails with SB_SASL_FAILURE and sends no CAP END', async () => {
    const { server, account } = await harness.serve([
      expectOpening(),
      offerCaps('sasl=PLAIN'),
      ...ackCaps(),
      ...plainExchange(),
      sendData(':irc.test 904 alice :SASL authentication failed\r\n'),
    ]);
    const error = await harness.connectToFail(account);
    expect(error?.code).toBe('SB_SASL_FAILURE');
    expect(server.received()).not.toContain('CAP END');
  });

  it.each([
    ['garbage that is not base64', 'AUTHENTICATE %%%not-base64%%%\r\n'],
    ['a chunk over 400 bytes', `AUTHENTICATE ${'A'.repeat(404)}\r\n`],
    ['a challenge that is not SCRAM', `AUTHENTICATE ${Buffer.from('x=y').toString('base64')}\r\n`],
  ])('when the server answers SCRAM with %s, fails with an SB_SASL_ code', async (_, reply) => {
    const { account } = await harness.serve(
      [
        expectOpening(),
        offerCaps('sasl=SCRAM-SHA-256'),
        ...ackCaps(),
        expectData('AUTHENTICATE SCRAM-SHA-256\r\n'),
        sendData('AUTHENTICATE +\r\n'),
        expectData(/AUTHENTICATE [^\r\n]+\r\n/),
        sendData(reply),
        waitFor(never),
      ],
      { mechanisms: ['SCRAM-SHA-256'] },
    );
    const error = await harness.connectToFail(account);
    expect(error?.code).toMatch(/^SB_SASL_/);
  });

  it('when every nick is taken (433), fails with SB_IRC_NICK_REFUSED after the retries', async () => {
    const { server, account } = await harness.serve([
      expectOpening(),
      ...Array.from({ length: 8 }, () => [
        sendData(':irc.test 433 * alice :Nickname is already in use\r\n'),
      ]).flat(),
      waitFor(never),
    ]);
    const error = await harness.connectToFail(account);
    expect(error?.code).toBe('SB_IRC_NICK_REFUSED');
    expect(error?.details.reason).toBe('in-use');
    expect(server.received().match(/^NICK /gm)?.length).toBe(6);
  });

  it('when the server bans the client (465) on a reconnect, the account fails and is not reconnected', async () => {
    const { server, account } = await harness.serve(
      (index) =>
        index === 0
          ? [
              ...login(),
              waitFor(() => new Promise((r) => setTimeout(r, 100))),
              sendData('ERROR :Closing link\r\n'),
            ]
          : [expectOpening(), sendData(':irc.test 465 alice :You are banned from this server\r\n')],
      { reconnect: { initialDelayMs: 20, maxDelayMs: 50 } },
    );
    const failed = new Promise<StateChange>((resolve) =>
      account.on('state', (change) => {
        if (change.to === 'failed') resolve(change);
      }),
    );
    await account.connect();
    expect((await failed).error?.code).toBe('SB_IRC_REFUSED');
    await new Promise((r) => setTimeout(r, 300));
    expect(server.connections()).toBe(2);
    expect(account.state).toBe('failed');
  });

  it('when the server sends ERROR during registration, fails with SB_CONNECTION_CLOSED carrying its text', async () => {
    const { account } = await harness.serve([
      expectOpening(),
      sendData('ERROR :Closing Link: too many connections from your host\r\n'),
    ]);
    const error = await harness.connectToFail(account);
    expect(error?.code).toBe('SB_CONNECTION_CLOSED');
    expect(error?.details.text).toContain('too many connections');
  });

  it('when the server offers no sasl cap, fails with SB_SASL_NO_MECHANISM and writes no credential', async () => {
    const { server, account } = await harness.serve([
      expectOpening(),
      offerCaps('echo-message message-tags'),
      ...ackCaps(),
      waitFor(never),
    ]);
    const error = await harness.connectToFail(account);
    expect(error?.code).toBe('SB_SASL_NO_MECHANISM');
    const wire = server.received();
    expect(wire).not.toContain('AUTHENTICATE');
    expect(wire).not.toContain(PLAIN_PAYLOAD);
    expect(wire).not.toContain(PASSWORD);
    expect(wire).not.toMatch(/^PASS /m);
  });

  it('when the link is plain, without STS and without allowInsecureLoopback, fails with SB_TLS_REQUIRED before any credential', async () => {
    const { server, account } = await harness.serve(
      [expectOpening(), offerCaps('sasl=PLAIN echo-message'), ...ackCaps(), waitFor(never)],
      { allowInsecureLoopback: false },
    );
    const error = await harness.connectToFail(account);
    expect(error?.code).toBe('SB_TLS_REQUIRED');
    const wire = server.received();
    expect(wire).not.toContain('AUTHENTICATE');
    expect(wire).not.toContain(PLAIN_PAYLOAD);
    expect(wire).not.toContain(PASSWORD);
  });
});
