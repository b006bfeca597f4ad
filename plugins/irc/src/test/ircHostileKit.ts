/**
 * Scripted IRC servers for hostile tests (the steps of `startHostileServer` from
 * `@switchboard/testing`), and a harness with an `irc` account pointed at each: plain TCP on
 * loopback with insecure loopback allowed unless a test says otherwise.
 */
import type { AccountConfig } from '@switchboard/core';
import {
  createHostileHarness,
  expectData,
  type HostileHarness,
  type HostileStep,
  sendData,
} from '@switchboard/testing';
import { ircSwitchboard } from './ircTestKit';

export const PASSWORD = 'hunter2-very-secret';

/** The account every hostile server is given (PLAIN, plain TCP, 1 s timeouts, no reconnect). */
export const HOSTILE_ACCOUNT: Omit<AccountConfig, 'server'> = {
  id: 'hostile-irc',
  profile: 'irc',
  address: 'alice@127.0.0.1',
  credential: { kind: 'password', password: PASSWORD },
  allowInsecureLoopback: true,
  mechanisms: ['PLAIN'],
  parameters: { flood: 'off' },
  reconnect: false,
  timeoutMs: 1_000,
};

/** A harness on a fresh Switchboard; `server.tls` is `starttls` (plain TCP) unless overridden. */
export function ircHostileHarness(): HostileHarness {
  const harness = createHostileHarness({ switchboard: ircSwitchboard(), account: HOSTILE_ACCOUNT });
  return {
    ...harness,
    serve: (script, overrides = {}) =>
      harness.serve(script, {
        ...overrides,
        server: { tls: 'starttls', ...overrides.server } as NonNullable<AccountConfig['server']>,
      }),
  };
}

/** Waits for the client's opening (`CAP LS 302`, `NICK`, `USER`). */
export const expectOpening = (): HostileStep => expectData(/USER [^\r\n]*\r\n/);

/** Offers `caps` in one `CAP LS` reply. */
export const offerCaps = (caps: string): HostileStep => sendData(`:irc.test CAP * LS :${caps}\r\n`);

/** Acknowledges whatever the next `CAP REQ` asks for. */
export function ackCaps(): HostileStep[] {
  return [
    expectData(/CAP REQ :?([^\r\n]*)\r\n/),
    sendData(({ match }) => `:irc.test CAP alice ACK :${match?.[1] ?? ''}\r\n`),
  ];
}

/** Up to the client's PLAIN response: `AUTHENTICATE PLAIN`, `+`, its payload. */
export function plainExchange(): HostileStep[] {
  return [
    expectData('AUTHENTICATE PLAIN\r\n'),
    sendData('AUTHENTICATE +\r\n'),
    expectData(/AUTHENTICATE [^\r\n]+\r\n/),
  ];
}

/** 900/903, then `CAP END` and the welcome burst to the end of the MOTD. */
export function welcome(): HostileStep[] {
  return [
    sendData(
      ':irc.test 900 alice alice!alice@host alice :You are now logged in as alice\r\n:irc.test 903 alice :SASL authentication successful\r\n',
    ),
    expectData('CAP END\r\n'),
    sendData(
      ':irc.test 001 alice :Welcome\r\n:irc.test 005 alice CASEMAPPING=ascii :are supported\r\n:irc.test 422 alice :No MOTD\r\n',
    ),
  ];
}

/** A whole successful login with SASL PLAIN and the caps a session needs. */
export function login(caps = 'sasl=PLAIN echo-message message-tags'): HostileStep[] {
  return [expectOpening(), offerCaps(caps), ...ackCaps(), ...plainExchange(), ...welcome()];
}

/** The base64 of the PLAIN payload with {@link PASSWORD}, as it would cross the wire. */
export const PLAIN_PAYLOAD = Buffer.from(`\0alice\0${PASSWORD}`).toString('base64');
