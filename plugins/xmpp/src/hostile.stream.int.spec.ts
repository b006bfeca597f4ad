/**
 * A hostile server breaks the stream itself (RFC 6120 §4): a stream header that is not a
 * client stream, a stream error before the login completes, or `</stream:stream>` once online
 * with the TCP connection left open. Each fails at once with its code, not after a timeout.
 */
import {
  answerStreamClose,
  closeConnection,
  expectStreamHeader,
  negotiateTls,
  sendData,
  starttlsFeature,
  streamError,
  streamFeatures,
  streamHeader,
} from '@switchboard/testing';
import { DOMAIN, hostileSuite } from './hostile.testkit';

const PASSWORD = 'hostile-stream-secret-3b8e';
/** The account's step timeout: long, so that waiting for it cannot pass for failing at once. */
const TIMEOUT_MS = 20_000;

/** The hostile server's stream header with `find` replaced. */
function headerWith(find: string | RegExp, replace: string): string {
  const header = streamHeader(DOMAIN);
  const changed = header.replace(find, replace);
  if (changed === header) throw new Error(`${String(find)} is not in the stream header`);
  return changed;
}

describe('XmppPlugin against a hostile server: the stream', () => {
  const suite = hostileSuite({ id: 'hostile-stream', password: PASSWORD, timeoutMs: TIMEOUT_MS });
  const { failedLogin, onlineThen } = suite;

  describe('stream header', () => {
    it.each([
      ['a root element other than stream', headerWith('<stream:stream ', '<stream:features ')],
      ['a server-to-server stream', headerWith("xmlns='jabber:client'", "xmlns='jabber:server'")],
      [
        'another streams namespace',
        headerWith("xmlns:stream='http://etherx.jabber.org/streams'", "xmlns:stream='urn:x'"),
      ],
      ['version 2.0', headerWith("version='1.0'>", "version='2.0'>")],
      ['no version', headerWith(" version='1.0'>", '>')],
    ])('when the server opens %s, fails at once with SB_XML_MALFORMED', async (_, header) => {
      const { error, elapsedMs, server } = await failedLogin([
        expectStreamHeader(),
        sendData(header + streamFeatures(starttlsFeature)),
      ]);
      expect(error).toMatchObject({
        code: 'SB_XML_MALFORMED',
        details: { problem: 'stream-header' },
      });
      expect(elapsedMs).toBeLessThan(TIMEOUT_MS);
      expect(server.received()).not.toContain('<starttls');
    });
  });

  describe('stream errors before the login completes', () => {
    it.each([
      ['closes its stream', `${streamError('host-unknown')}</stream:stream>`, []],
      ['closes the connection', streamError('host-unknown'), [closeConnection()]],
      ['leaves the connection open', streamError('host-unknown'), []],
    ])(
      'when the server answers the stream header with host-unknown and %s, fails at once with SB_STREAM_ERROR',
      async (_, error, close) => {
        const failed = await failedLogin([
          expectStreamHeader(),
          sendData(streamHeader(DOMAIN) + error),
          ...close,
        ]);
        expect(failed.error).toMatchObject({
          code: 'SB_STREAM_ERROR',
          details: { condition: 'host-unknown' },
        });
        expect(failed.elapsedMs).toBeLessThan(TIMEOUT_MS);
      },
    );

    it('when the server sends a stream error with text after STARTTLS, fails with its condition and text', async () => {
      const { error, elapsedMs } = await failedLogin([
        ...negotiateTls(suite.certificates.valid, DOMAIN),
        expectStreamHeader(),
        sendData(
          `${streamHeader(DOMAIN)}${streamError('system-shutdown', 'back soon')}</stream:stream>`,
        ),
      ]);
      expect(error).toMatchObject({
        code: 'SB_STREAM_ERROR',
        details: { condition: 'system-shutdown', text: 'back soon' },
      });
      expect(error?.message).not.toContain('back soon');
      expect(elapsedMs).toBeLessThan(TIMEOUT_MS);
    });
  });

  describe('the server ends the stream once online', () => {
    it('when the server sends </stream:stream> and leaves TCP open, the account goes disconnected with SB_CONNECTION_CLOSED', async () => {
      const { account, server, states, disconnected } = await onlineThen([
        sendData('</stream:stream>'),
      ]);
      const started = performance.now();
      const change = await disconnected;
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS);
      expect(change.error).toMatchObject({ code: 'SB_CONNECTION_CLOSED' });
      expect(states.map((s) => s.to)).toEqual([
        'connecting',
        'authenticating',
        'online',
        'disconnected',
      ]);
      expect(account.state).toBe('disconnected');
      // The client answered with its own close, and the connection ended.
      await server.closed();
      expect(server.received('tls')).toMatch(/<\/stream:stream>$/);
      expect(suite.harness.faults()).toEqual([]);
    });

    it('when the account disconnects, it closes its stream, the server answers, and it goes offline without error', async () => {
      const { account, server, states } = await onlineThen(answerStreamClose());
      const started = performance.now();
      await account.disconnect();
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS);
      expect(states.map((s) => [s.to, s.error])).toEqual([
        ['connecting', undefined],
        ['authenticating', undefined],
        ['online', undefined],
        ['offline', undefined],
      ]);
      await server.closed();
      expect(server.received('tls').match(/<\/stream:stream>/g)).toHaveLength(1);
      expect(suite.harness.faults()).toEqual([]);
    });
  });
});
