/**
 * A hostile server sends XML that RFC 6120 §11 rules out of XMPP: a DOCTYPE, a comment or a
 * processing instruction (which made ltx skip the rest of the stream, so the login waited for
 * its timeout), and characters XML cannot carry (which reached the app in a message body).
 * The client closes the connection at once with SB_XML_MALFORMED.
 */
import {
  answerStreamClose,
  expectStreamHeader,
  type HostileStep,
  sendData,
  starttlsFeature,
  streamFeatures,
  streamHeader,
  waitFor,
} from '@switchboard/testing';
import { DOMAIN, hostileSuite } from './hostile.testkit';

const PASSWORD = 'hostile-restricted-secret-c07d';
/** The account's step timeout: long, so that waiting for it cannot pass for failing at once. */
const TIMEOUT_MS = 20_000;

/** A short pause between two writes, so that they reach the client as two reads. */
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

/** The server's stream header, then `data` and the STARTTLS feature the login waits for. */
function afterHeader(data: string): HostileStep[] {
  return [
    expectStreamHeader(),
    sendData(streamHeader(DOMAIN) + data + streamFeatures(starttlsFeature)),
  ];
}

describe('XmppPlugin against a hostile server: restricted XML and characters', () => {
  const suite = hostileSuite({
    id: 'hostile-restricted',
    password: PASSWORD,
    timeoutMs: TIMEOUT_MS,
  });
  const { failedLogin, onlineThen } = suite;

  describe('restricted XML', () => {
    it.each([
      [
        'a DOCTYPE before its stream header',
        [expectStreamHeader(), sendData(`<!DOCTYPE stream:stream>${streamHeader(DOMAIN)}`)],
      ],
      ['a DOCTYPE after its stream header', afterHeader('<!DOCTYPE x [<!ENTITY a "b">]>')],
      ['a comment', afterHeader('<!-- hello -->')],
      ['a processing instruction', afterHeader("<?xml-stylesheet href='x'?>")],
      [
        'a DOCTYPE split across writes',
        [
          expectStreamHeader(),
          sendData(streamHeader(DOMAIN)),
          waitFor(pause),
          sendData('<'),
          waitFor(pause),
          sendData('!DOCTYPE x>'),
        ],
      ],
    ])('when the server sends %s, fails at once with SB_XML_MALFORMED', async (_, script) => {
      const { error, elapsedMs, server } = await failedLogin(script);
      expect(error).toMatchObject({
        code: 'SB_XML_MALFORMED',
        details: { problem: 'restricted-xml' },
      });
      expect(elapsedMs).toBeLessThan(TIMEOUT_MS);
      expect(server.received()).not.toContain('<starttls');
    });

    it('when the server sends a DOCTYPE once online, the account goes disconnected with SB_XML_MALFORMED', async () => {
      const { disconnected, messages } = await onlineThen([
        sendData("<!DOCTYPE x><message from='bob@example.test'><body>hi</body></message>"),
      ]);
      const started = performance.now();
      const change = await disconnected;
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS);
      expect(change.error).toMatchObject({
        code: 'SB_XML_MALFORMED',
        details: { problem: 'restricted-xml' },
      });
      expect(messages).toEqual([]);
    });

    it('when a message body is a CDATA section holding <!DOCTYPE and <!--, delivers it (control)', async () => {
      const { account, messages } = await onlineThen([
        sendData(
          "<message from='bob@example.test' type='chat'><body><![CDATA[<!DOCTYPE x><!-- y -->]]></body></message>",
        ),
        ...answerStreamClose(),
      ]);
      await new Promise<void>((resolve) => account.once('message', () => resolve()));
      expect(messages.map((m) => m.body)).toEqual(['<!DOCTYPE x><!-- y -->']);
      expect(account.state).toBe('online');
    });
  });

  describe('characters', () => {
    it.each([
      ['a raw U+0000', '\u0000'],
      ['a raw escape character', '\u001b[2J'],
      ['a raw U+FFFE', '\uFFFE'],
      ['a reference to U+0000', '&#0;'],
      ['a control character in CDATA', '<![CDATA[\u0007]]>'],
    ])(
      'when a message body holds %s, the account goes disconnected with SB_XML_MALFORMED and the app never sees it',
      async (_, text) => {
        const { disconnected, messages } = await onlineThen([
          sendData(`<message from='bob@example.test' type='chat'><body>a${text}b</body></message>`),
        ]);
        const change = await disconnected;
        expect(change.error).toMatchObject({
          code: 'SB_XML_MALFORMED',
          details: { problem: 'invalid-character' },
        });
        expect(messages).toEqual([]);
      },
    );

    it('when an attribute of the stream header holds a control character, fails at once with SB_XML_MALFORMED', async () => {
      const header = streamHeader(DOMAIN).replace(/ id='[^']*'/, " id='a\u0001b'");
      const { error, elapsedMs } = await failedLogin([
        expectStreamHeader(),
        sendData(header + streamFeatures(starttlsFeature)),
      ]);
      expect(error).toMatchObject({
        code: 'SB_XML_MALFORMED',
        details: { problem: 'invalid-character' },
      });
      expect(elapsedMs).toBeLessThan(TIMEOUT_MS);
    });
  });
});
