/**
 * A hostile server refuses or breaks STARTTLS, injects plaintext after `<proceed/>`, offers no
 * TLS at all, or presents a certificate for another host or from an untrusted CA: the login
 * fails with SB_TLS_FAILED or SB_TLS_REQUIRED and no credential crosses the wire.
 */
import {
  answerStreamClose,
  expectData,
  expectSaslAuth,
  expectStreamHeader,
  type HostileStep,
  mechanismsFeature,
  openStream,
  sendData,
  startTls,
  starttlsFeature,
  streamFeatures,
  tlsFailure,
  tlsProceed,
} from '@switchboard/testing';
import { acceptPlainLogin, DOMAIN, hostileSuite } from './hostile.testkit';

const PASSWORD = 'hostile-tls-secret-2b9e';
/** What PLAIN would send for alice, base64-encoded as on the wire. */
const PLAIN_PAYLOAD = Buffer.from(`\0alice\0${PASSWORD}`).toString('base64');
/** The only plaintext a client may send before TLS: its stream header and `<starttls/>`. */
const HEADER_AND_STARTTLS =
  /^<\?xml version='1\.0'\?><stream:stream [^>]*><starttls xmlns="urn:ietf:params:xml:ns:xmpp-tls"\/>$/;
/** Certificates the client must refuse: which one the server presents, and Node's error code. */
const BAD_CERTIFICATES = [
  ['for another host name', 'wrongHost', 'ERR_TLS_CERT_ALTNAME_INVALID'],
  ['from an untrusted CA', 'untrusted', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
] as const;

describe('XmppPlugin against a hostile server: TLS', () => {
  const suite = hostileSuite({ id: 'hostile-tls', password: PASSWORD, mechanisms: ['PLAIN'] });
  const { harness } = suite;

  const offerStarttls = (): HostileStep[] => [
    ...openStream(DOMAIN, starttlsFeature),
    expectData(/<starttls\b[^>]*>/),
  ];

  async function failedLogin(script: readonly HostileStep[], direct = false) {
    const { account, server } = await harness.serve(script, {
      tls: { ca: suite.certificates.ca },
      ...(direct ? { server: { tls: 'direct' as const } } : {}),
    });
    const error = await harness.connectToFail(account);
    expect(account.state).toBe('failed');
    expect(harness.faults()).toEqual([]);
    const received = server.received();
    for (const secret of [PASSWORD, PLAIN_PAYLOAD, '<auth']) expect(received).not.toContain(secret);
    return { error, server };
  }

  it('when the certificate is valid, logs in (the scripts below fail only where they differ)', async () => {
    const { account, server } = await harness.serve(
      [
        ...offerStarttls(),
        sendData(tlsProceed),
        startTls(suite.certificates.valid),
        ...acceptPlainLogin(),
        ...answerStreamClose(),
      ],
      { tls: { ca: suite.certificates.ca } },
    );
    await account.connect();
    expect(account.state).toBe('online');
    expect(server.received('plain')).toMatch(HEADER_AND_STARTTLS);
    expect(server.received('tls')).toContain(PLAIN_PAYLOAD);
    expect(harness.faults()).toEqual([]);
  });

  it('when the server answers <starttls/> with <failure/>, fails with SB_TLS_FAILED', async () => {
    const { error, server } = await failedLogin([...offerStarttls(), sendData(tlsFailure)]);
    expect(error).toMatchObject({ code: 'SB_TLS_FAILED', details: { answer: 'failure' } });
    expect(server.received()).toMatch(HEADER_AND_STARTTLS);
  });

  it('when the server answers the TLS ClientHello with garbage, fails with SB_TLS_FAILED', async () => {
    const { error, server } = await failedLogin([
      ...offerStarttls(),
      sendData(tlsProceed),
      expectData(String.fromCharCode(0x16, 0x03)), // a TLS handshake record: the ClientHello
      sendData('this is not a TLS handshake\r\n'.repeat(8)),
    ]);
    expect(error).toMatchObject({ code: 'SB_TLS_FAILED', details: { servername: DOMAIN } });
    expect(server.stepsDone()).toBe(6);
  });

  it('when plaintext follows <proceed/> before TLS (injection), fails with SB_TLS_FAILED', async () => {
    const injected = streamFeatures(mechanismsFeature(['PLAIN']));
    const { error, server } = await failedLogin([
      ...offerStarttls(),
      sendData(tlsProceed + injected),
    ]);
    expect(error).toMatchObject({
      code: 'SB_TLS_FAILED',
      details: { reason: 'data-after-proceed' },
    });
    expect(server.received('tls')).toBe('');
  });

  it('when the server offers PLAIN without STARTTLS (downgrade), fails with SB_TLS_REQUIRED', async () => {
    const { error, server } = await failedLogin([
      ...openStream(DOMAIN, mechanismsFeature(['PLAIN', 'SCRAM-SHA-1'])),
      expectSaslAuth(), // never satisfied: the client must not authenticate
    ]);
    expect(error).toMatchObject({ code: 'SB_TLS_REQUIRED' });
    expect(server.received()).toMatch(/^<\?xml version='1\.0'\?><stream:stream [^>]*>$/);
  });

  it.each(BAD_CERTIFICATES)(
    'when the STARTTLS certificate is %s, fails with SB_TLS_FAILED',
    async (_, which, cause) => {
      const { error, server } = await failedLogin([
        ...offerStarttls(),
        sendData(tlsProceed),
        startTls(suite.certificates[which]),
        expectStreamHeader(),
      ]);
      expect(error).toMatchObject({
        code: 'SB_TLS_FAILED',
        details: { servername: DOMAIN },
        cause: { code: cause },
      });
      expect(server.received('plain')).toMatch(HEADER_AND_STARTTLS);
      expect(server.received('tls')).toBe('');
    },
  );

  it.each(BAD_CERTIFICATES)(
    'when the direct TLS certificate is %s, fails with SB_TLS_FAILED',
    async (_, which, code) => {
      const { error, server } = await failedLogin(
        [startTls(suite.certificates[which]), expectStreamHeader()],
        true,
      );
      expect(error).toMatchObject({ code: 'SB_TLS_FAILED', details: { code } });
      expect(server.received()).toBe('');
    },
  );
});
