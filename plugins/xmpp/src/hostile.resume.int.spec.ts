/**
 * Stream resumption (XEP-0198 §5) against a scripted server: the first connection enables
 * stream management and is dropped; the second resumes it, and the server replays three
 * messages, in the same write as `<resumed/>` or in a later one. Every replayed message must
 * reach the host, and the client's `<a h/>` must count only what it handled.
 */
import type { ReconnectedInfo } from '@switchboard/core';
import {
  answerStreamClose,
  bindResource,
  closeConnection,
  enableStreamManagement,
  expectData,
  expectSmAck,
  expectSmResume,
  type HostileStep,
  sendData,
  smRequest,
  smResumed,
  waitFor,
} from '@switchboard/testing';
import { DOMAIN, hostileSuite, tlsPlainLogin } from './hostile.testkit';

const JID = `alice@${DOMAIN}/hostile`;
const BODIES = ['one', 'two', 'three'];
const REPLAY = BODIES.map(
  (body, i) =>
    `<message from='bob@${DOMAIN}/x' to='${JID}' type='chat' id='replay-${i}'><body>${body}</body></message>`,
).join('');

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `read` until `pattern` matches; rejects after `ms`. */
async function until(read: () => string, pattern: RegExp, ms = 5_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const match = pattern.exec(read());
    if (match !== null) return match;
    if (Date.now() > deadline) throw new Error(`${pattern} not seen within ${ms} ms`);
    await pause(10);
  }
}

describe('XmppPlugin against a hostile server: stream resumption', () => {
  const suite = hostileSuite({ id: 'hostile-resume', password: 'hostile-resume-pw' });
  const { harness } = suite;

  /**
   * Connection 0: bind, `<enabled id='s1' resume='true'/>`, then dropped after the initial
   * presence. Connection 1: `<resume/>` answered with `<resumed h='0'/>` and `replay`, then an
   * acknowledgement request.
   */
  async function resumeWith(replay: readonly HostileStep[]) {
    const { server, account } = await harness.serve(
      (index) =>
        index === 0
          ? [
              ...tlsPlainLogin(suite.certificates.valid),
              ...bindResource(JID),
              ...enableStreamManagement('s1'),
              expectData(/<presence\b/),
              closeConnection('destroy'),
            ]
          : [
              ...tlsPlainLogin(suite.certificates.valid),
              expectSmResume(),
              ...replay,
              waitFor(() => pause(300)),
              sendData(smRequest),
              expectSmAck(),
              ...answerStreamClose(),
            ],
      {
        tls: { ca: suite.certificates.ca },
        reconnect: { initialDelayMs: 10, maxDelayMs: 50, jitter: 0 },
      },
    );
    const delivered: string[] = [];
    account.on('message', (m) => delivered.push(m.body));
    const back = new Promise<ReconnectedInfo>((resolve) => account.once('reconnected', resolve));
    await account.connect();
    const reconnected = await back;
    const received = (): string => server.received('tls');
    const resume = await until(received, /<resume\b[^>]*>/);
    const ack = await until(
      () => received().slice(received().indexOf(resume[0])),
      /<a\b[^>]*\bh=["'](\d+)["']/,
    );
    return { reconnected, resume: resume[0], delivered, acknowledged: Number(ack[1]) };
  }

  it('when the replayed messages come in the same write as <resumed/>, delivers all three and acknowledges what it delivered', async () => {
    const outcome = await resumeWith([sendData(smResumed('s1', 0) + REPLAY)]);

    expect(outcome.reconnected).toMatchObject({ resumed: true });
    expect(outcome.resume).toMatch(/previd=["']s1["']/);
    expect(outcome.resume).toMatch(/\bh=["']0["']/);
    expect({ delivered: outcome.delivered, acknowledged: outcome.acknowledged }).toEqual({
      delivered: BODIES,
      acknowledged: BODIES.length,
    });
    expect(harness.faults()).toEqual([]);
  });

  it('when the replayed messages come in a later write, delivers all three and acknowledges them', async () => {
    const outcome = await resumeWith([
      sendData(smResumed('s1', 0)),
      waitFor(() => pause(100)),
      sendData(REPLAY),
    ]);

    expect(outcome.reconnected).toMatchObject({ resumed: true });
    expect({ delivered: outcome.delivered, acknowledged: outcome.acknowledged }).toEqual({
      delivered: BODIES,
      acknowledged: BODIES.length,
    });
    expect(harness.faults()).toEqual([]);
  });
});
