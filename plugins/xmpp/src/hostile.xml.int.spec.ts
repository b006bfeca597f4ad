/**
 * A hostile server sends malformed XML and oversized stanzas, after the stream header, during
 * SASL and once online: the client closes the connection with SB_XML_MALFORMED or
 * SB_STANZA_TOO_LARGE, and the process sees no uncaught exception or unhandled rejection.
 */
import {
  expectSaslAuth,
  expectStreamHeader,
  type HostileStep,
  mechanismsFeature,
  NS_SASL,
  negotiateTls,
  openStream,
  sendData,
  sizedStanza,
  streamHeader,
} from '@switchboard/testing';
import { MAX_STANZA_BYTES } from './connection/LimitedParser';
import { DOMAIN, hostileSuite } from './hostile.testkit';

const PASSWORD = 'hostile-xml-secret-7f3a';
const MIB = 1024 * 1024;

describe('XmppPlugin against a hostile server: XML', () => {
  const suite = hostileSuite({ id: 'hostile-xml', password: PASSWORD });
  const { harness, failedLogin, onlineThen } = suite;

  describe('malformed XML', () => {
    it.each([
      ['a mismatched close tag', '<stream:features><starttls></stream:features>'],
      ['an undefined entity', '<stream:features>&bogus;<x/></stream:features>'],
      ['an illegal character reference', '<stream:features>&#0;<x/></stream:features>'],
      ['character data at the stream level', 'this is not XML at all <'],
      ['an element name that is not an XML name', '<<<>>><x/>'],
    ])(
      'when the server sends %s after the stream header, fails with SB_XML_MALFORMED',
      async (_, garbage) => {
        const { error, server } = await failedLogin([
          expectStreamHeader(),
          sendData(streamHeader(DOMAIN) + garbage),
        ]);
        expect(error).toMatchObject({ code: 'SB_XML_MALFORMED' });
        expect(error?.message).not.toContain(garbage);
        expect(server.received()).not.toContain('<auth');
      },
    );

    it('when the server answers the stream header with garbage instead of its own, fails with SB_XML_MALFORMED', async () => {
      const { error, server } = await failedLogin([
        expectStreamHeader(),
        sendData('<<<garbage>>> no stream header here'),
      ]);
      expect(error).toMatchObject({ code: 'SB_XML_MALFORMED' });
      expect(server.received()).not.toContain('<auth');
    });

    it('when the server sends malformed XML in the middle of SASL, fails with SB_XML_MALFORMED', async () => {
      const { error, server } = await failedLogin([
        ...negotiateTls(suite.certificates.valid, DOMAIN),
        ...openStream(DOMAIN, mechanismsFeature(['SCRAM-SHA-256'])),
        expectSaslAuth(),
        sendData(`<challenge xmlns='${NS_SASL}'>cj1&nope;</challenge>`),
      ]);
      expect(error).toMatchObject({ code: 'SB_XML_MALFORMED' });
      expect(server.received('tls')).toMatch(/<auth\b/);
      expect(server.received('tls')).not.toContain('<response');
    });

    it('when the server sends malformed XML once online, the account goes disconnected with SB_XML_MALFORMED', async () => {
      const { account, server, states, disconnected } = await onlineThen([
        sendData("<message from='bob@example.test'><body>hi</bodyy></message>"),
      ]);
      const errors: unknown[] = [];
      account.on('error', (error) => errors.push(error));
      const change = await disconnected;
      expect(change.error).toMatchObject({ code: 'SB_XML_MALFORMED' });
      expect(errors).toEqual([change.error]);
      expect(states.map((s) => s.to)).toEqual([
        'connecting',
        'authenticating',
        'online',
        'disconnected',
      ]);
      expect(account.state).toBe('disconnected');
      await server.closed();
      expect(harness.faults()).toEqual([]);
    });
  });

  describe('stanza size', () => {
    const afterHeader = (data: string): HostileStep[] => [
      expectStreamHeader(),
      sendData(streamHeader(DOMAIN) + data),
    ];

    it('when the server sends 2 MiB without a closing tag, stops buffering with SB_STANZA_TOO_LARGE', async () => {
      const { error } = await failedLogin(afterHeader(sizedStanza(2 * MIB, { complete: false })));
      expect(error).toMatchObject({
        code: 'SB_STANZA_TOO_LARGE',
        details: { limit: 'bytes', max: MAX_STANZA_BYTES },
      });
    });

    it('when the server sends an unterminated 2 MiB start tag, fails with SB_STANZA_TOO_LARGE', async () => {
      const { error } = await failedLogin(afterHeader(`<message to='${'a'.repeat(2 * MIB)}`));
      expect(error).toMatchObject({ code: 'SB_STANZA_TOO_LARGE', details: { limit: 'bytes' } });
    });

    it('when the server sends one complete 2 MiB stanza, fails with SB_STANZA_TOO_LARGE', async () => {
      const { error } = await failedLogin(afterHeader(sizedStanza(2 * MIB)));
      expect(error).toMatchObject({ code: 'SB_STANZA_TOO_LARGE', details: { limit: 'bytes' } });
    });

    it('when a stanza of many small elements passes 1 MiB, fails with SB_STANZA_TOO_LARGE', async () => {
      const children = '<x/>'.repeat((3 * MIB) / 8); // 1.5 MiB
      const { error } = await failedLogin(afterHeader(`<message>${children}</message>`));
      expect(error).toMatchObject({ code: 'SB_STANZA_TOO_LARGE', details: { limit: 'bytes' } });
    });

    it('when a stanza nests deeper than the limit, fails with SB_STANZA_TOO_LARGE', async () => {
      const { error } = await failedLogin(afterHeader('<a>'.repeat(10_000)));
      expect(error).toMatchObject({ code: 'SB_STANZA_TOO_LARGE', details: { limit: 'depth' } });
    });

    it('when online, delivers a 900 KiB message, then disconnects on a 2 MiB one', async () => {
      const { server, messages, disconnected } = await onlineThen([
        sendData(sizedStanza(900 * 1024)),
        sendData(sizedStanza(2 * MIB)),
      ]);
      const change = await disconnected;
      expect(change.error).toMatchObject({ code: 'SB_STANZA_TOO_LARGE' });
      expect(messages).toHaveLength(1);
      expect(messages[0]?.body).toMatch(/^x{900000,}$/);
      await server.closed();
      expect(harness.faults()).toEqual([]);
    });
  });
});
