/**
 * A hostile server breaks the stream itself (RFC 6120 §4): a stream header that is not a
 * client stream. It fails at once with its code, not after a timeout.
 */
import {
  expectStreamHeader,
  sendData,
  starttlsFeature,
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
  const { failedLogin } = suite;

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
});
