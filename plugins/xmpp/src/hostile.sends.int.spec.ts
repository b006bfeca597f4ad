/**
 * How sends settle against a scripted server with stream management (XEP-0198): a message
 * resolves when the server acknowledged it; what is unacknowledged when the session ends for
 * good is rejected; what a failed resumption learned is kept; and a server that drops every
 * session right after login gets ever longer reconnect delays.
 */
import type { SendResult, SwitchboardError } from '@switchboard/core';
import {
  answerStreamClose,
  bindFeature,
  bindResource,
  closeConnection,
  enableStreamManagement,
  expectData,
  expectSmResume,
  type HostileStep,
  sendData,
  smAck,
  smFailed,
  smResumed,
  streamError,
  waitFor,
} from '@switchboard/testing';
import { DOMAIN, hostileSuite, tlsPlainLogin } from './hostile.testkit';

const JID = `alice@${DOMAIN}/hostile`;
const TO = `bob@${DOMAIN}`;
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The outcome of a send, as a comparable value. */
async function outcome(send: Promise<SendResult>): Promise<string> {
  return send.then(
    (r) => `resolved ${r.acknowledged ? 'acknowledged' : 'written'}`,
    (e: SwitchboardError) => `rejected ${e.code} ${String(e.details.delivery ?? '')}`.trim(),
  );
}

/** Waits until `count` messages arrived since the last expectation. */
function expectMessages(count: number): HostileStep[] {
  return Array.from({ length: count }, () => expectData(/<message\b[\s\S]*?<\/message>/));
}

describe('XmppPlugin against a hostile server: how sends settle', () => {
  const suite = hostileSuite({ id: 'hostile-sends', password: 'hostile-sends-pw' });
  const { harness } = suite;

  it.each(['conflict', 'not-authorized'])(
    'when the session ends for good (%s), messages the server acknowledged resolve and the others are rejected, none silently',
    async (condition) => {
      let release: () => void = () => undefined;
      const sent = new Promise<void>((resolve) => {
        release = resolve;
      });
      const { account } = await harness.serve(
        [
          ...tlsPlainLogin(suite.certificates.valid),
          ...bindResource(JID),
          ...enableStreamManagement('s1'),
          expectData(/<presence\b/),
          waitFor(() => sent),
          ...expectMessages(5),
          // The presence and the first two messages.
          sendData(smAck(3)),
          waitFor(() => pause(100)),
          sendData(streamError(condition)),
          closeConnection(),
        ],
        { tls: { ca: suite.certificates.ca }, reconnect: { initialDelayMs: 10, jitter: 0 } },
      );
      await account.connect();
      const sends = [1, 2, 3, 4, 5].map((n) =>
        outcome(account.sendMessage({ to: TO, body: `m${n}`, id: `m${n}` })),
      );
      release();
      expect(await Promise.all(sends)).toEqual([
        'resolved acknowledged',
        'resolved acknowledged',
        'rejected SB_SEND_ABANDONED unknown',
        'rejected SB_SEND_ABANDONED unknown',
        'rejected SB_SEND_ABANDONED unknown',
      ]);
      expect(account.queuedMessages + account.unconfirmedMessages).toBe(0);
      expect(account.state).toBe('disconnected');
      expect(harness.faults()).toEqual([]);
    },
  );

  it('when a resumption succeeds and its connection then fails, the next session does not resend what the server said it handled', async () => {
    const { server, account } = await harness.serve(
      (index) => {
        if (index === 0) {
          return [
            ...tlsPlainLogin(suite.certificates.valid),
            ...bindResource(JID),
            ...enableStreamManagement('s1'),
            expectData(/<presence\b/),
            ...expectMessages(5),
            closeConnection('destroy'),
          ];
        }
        if (index === 1) {
          // The presence and m1..m3 arrived; the connection dies right after saying so.
          return [
            ...tlsPlainLogin(suite.certificates.valid),
            expectSmResume(),
            sendData(smResumed('s1', 4)),
            closeConnection('destroy'),
          ];
        }
        return [
          ...tlsPlainLogin(suite.certificates.valid),
          expectSmResume(),
          sendData(smFailed()),
          ...bindResource(JID),
          ...enableStreamManagement('s2'),
          expectData(/<presence\b/),
          // The server refused the resumption: each message goes out alone and waits for its
          // acknowledgement.
          ...expectMessages(1),
          expectData(/<r\b/),
          sendData(smAck(2)),
          ...expectMessages(1),
          expectData(/<r\b/),
          sendData(smAck(3)),
          ...answerStreamClose(),
        ];
      },
      {
        tls: { ca: suite.certificates.ca },
        reconnect: { initialDelayMs: 10, maxDelayMs: 50, jitter: 0 },
      },
    );
    await account.connect();
    const sends = [1, 2, 3, 4, 5].map((n) =>
      outcome(account.sendMessage({ to: TO, body: `m${n}`, id: `m${n}` })),
    );
    expect(await Promise.all(sends)).toEqual(Array(5).fill('resolved acknowledged'));
    const text = server.received('tls');
    const third = text.slice(text.lastIndexOf('<resume '));
    expect([...third.matchAll(/<message\b[^>]*\bid="(m\d)"/g)].map((m) => m[1])).toEqual([
      'm4',
      'm5',
    ]);
    // The second connection's answer moved the count: the third resumes from h=4 of s1.
    expect(third).toMatch(/<resume [^>]*previd="s1"/);
    expect(harness.faults()).toEqual([]);
  });

  it('when every session is dropped right after login, the reconnect delay keeps growing', async () => {
    const { account } = await harness.serve(
      [
        ...tlsPlainLogin(suite.certificates.valid, [bindFeature]),
        ...bindResource(JID),
        expectData(/<presence\b/),
        sendData(streamError('policy-violation')),
        closeConnection(),
      ],
      {
        tls: { ca: suite.certificates.ca },
        reconnect: { initialDelayMs: 10, maxDelayMs: 10_000, jitter: 0 },
      },
    );
    const delays: number[] = [];
    let online = 0;
    account.on('online', () => {
      online += 1;
    });
    account.on('reconnecting', ({ delayMs }) => delays.push(delayMs));
    await account.connect();
    while (delays.length < 6) await pause(20);
    await account.disconnect();
    expect(online).toBeGreaterThanOrEqual(6);
    expect(delays.slice(0, 6)).toEqual([10, 20, 40, 80, 160, 320]);
  });
});
