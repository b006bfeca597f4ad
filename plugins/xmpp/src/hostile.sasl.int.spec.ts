/**
 * A hostile server breaks the SASL negotiation (RFC 6120 §6): a challenge for PLAIN, success
 * before SCRAM proved anything or with a wrong server signature, SASL offered again after
 * success, the socket closed or a stream error in the middle. Each login fails with its code,
 * the account never goes online, and the process sees no uncaught error.
 */
import type { StateChange } from '@switchboard/core';
import {
  answerStreamClose,
  bindFeature,
  closeConnection,
  expectData,
  expectSaslAuth,
  expectSaslResponse,
  expectStreamHeader,
  type HostileStep,
  mechanismsFeature,
  negotiateTls,
  openStream,
  type StepContext,
  saslElement,
  saslFailure,
  sendData,
  streamError,
  streamFeatures,
  streamHeader,
} from '@switchboard/testing';
import { acceptPlainLogin, clientNonce, DOMAIN, hostileSuite, SALT } from './hostile.testkit';

const PASSWORD = 'hostile-sasl-secret-5d21';

/** The stream opened after TLS, offering PLAIN. */
function offerPlain(): HostileStep[] {
  return openStream(DOMAIN, mechanismsFeature(['PLAIN']));
}

/** A valid server-first message extending the client nonce of the matched `<auth/>`. */
function serverFirst(context: StepContext): string {
  return saslElement('challenge', `r=${clientNonce(context)}hostile,s=${SALT},i=4096`);
}

describe('XmppPlugin against a hostile server: SASL negotiation', () => {
  const suite = hostileSuite({ id: 'hostile-sasl', password: PASSWORD });
  const { harness } = suite;

  /** TLS, then `mechanisms` offered, then `steps`; the login must fail without going online. */
  async function failedLogin(mechanisms: readonly string[], steps: readonly HostileStep[]) {
    const script = [
      ...negotiateTls(suite.certificates.valid, DOMAIN),
      ...openStream(DOMAIN, mechanismsFeature(mechanisms)),
      ...steps,
    ];
    const { account, server } = await harness.serve(script, { tls: { ca: suite.certificates.ca } });
    const states: StateChange[] = [];
    account.on('state', (change) => states.push(change));
    const error = await harness.connectToFail(account);
    expect(account.state).toBe('failed');
    expect(states.map((s) => s.to)).not.toContain('online');
    expect(harness.faults()).toEqual([]);
    expect(server.received()).not.toContain(PASSWORD);
    expect(server.stepsDone()).toBe(script.length);
    return { error, received: server.received('tls') };
  }

  it('when the server sends a challenge to PLAIN, fails with SB_SASL_PROTOCOL', async () => {
    const { error, received } = await failedLogin(
      ['PLAIN'],
      [
        expectSaslAuth(),
        sendData(saslElement('challenge', 'tell me more')),
        expectData(/<abort\b[^>]*\/>/),
      ],
    );
    expect(error).toMatchObject({ code: 'SB_SASL_PROTOCOL', details: { mechanism: 'PLAIN' } });
    expect(received).not.toContain('<response');
  });

  it.each([
    ['empty', saslElement('success')],
    ['carrying v=', saslElement('success', `v=${Buffer.alloc(32).toString('base64')}`)],
  ])(
    'when the server sends <success/> (%s) right after the SCRAM client-first, fails with SB_SASL_SERVER_VERIFICATION_FAILED',
    async (_, success) => {
      const { error, received } = await failedLogin(
        ['SCRAM-SHA-256'],
        [expectSaslAuth(), sendData(success)],
      );
      expect(error).toMatchObject({
        code: 'SB_SASL_SERVER_VERIFICATION_FAILED',
        details: { mechanism: 'SCRAM-SHA-256', reason: 'premature-success' },
      });
      expect(received).not.toContain('<response');
      expect(received).not.toContain('<iq');
    },
  );

  it.each([
    ['a wrong server signature', `v=${Buffer.alloc(32, 7).toString('base64')}`, 'mismatch'],
    ['no server signature', '', 'missing'],
    ['a server-final without v=', 'x=1', 'missing'],
  ])(
    'when SCRAM <success/> carries %s, fails with SB_SASL_SERVER_VERIFICATION_FAILED',
    async (_, final, reason) => {
      const { error, received } = await failedLogin(
        ['SCRAM-SHA-1'],
        [
          expectSaslAuth(),
          sendData(serverFirst),
          expectSaslResponse(),
          sendData(final === '' ? saslElement('success') : saslElement('success', final)),
        ],
      );
      expect(error).toMatchObject({
        code: 'SB_SASL_SERVER_VERIFICATION_FAILED',
        details: { mechanism: 'SCRAM-SHA-1', reason },
      });
      expect(received).toContain('<response');
      expect(received).not.toContain('<iq');
      expect(received.match(/<stream:stream\b/g)).toHaveLength(1); // no restart after success
    },
  );

  it('when the server offers SASL again after <success/>, fails with SB_SASL_PROTOCOL and sends the credential once', async () => {
    const { error, received } = await failedLogin(
      ['PLAIN'],
      [
        expectSaslAuth(),
        sendData(saslElement('success')),
        ...openStream(DOMAIN, mechanismsFeature(['PLAIN']), bindFeature),
      ],
    );
    expect(error).toMatchObject({
      code: 'SB_SASL_PROTOCOL',
      details: { reason: 'mechanisms-offered-again' },
    });
    expect(received.match(/<auth\b/g)).toHaveLength(1);
    expect(received).not.toContain('<iq');
  });

  it('when the server offers SASL again during the exchange, fails with SB_SASL_PROTOCOL', async () => {
    const { error, received } = await failedLogin(
      ['SCRAM-SHA-256', 'PLAIN'],
      [expectSaslAuth(), sendData(streamFeatures(mechanismsFeature(['PLAIN'])))],
    );
    expect(error).toMatchObject({
      code: 'SB_SASL_PROTOCOL',
      details: { reason: 'mechanisms-offered-again' },
    });
    expect(received.match(/<auth\b/g)).toHaveLength(1);
    expect(received).toMatch(/<auth [^>]*mechanism="SCRAM-SHA-256"/);
  });

  it.each([
    ['closes the connection', closeConnection('end')],
    ['drops the connection', closeConnection('destroy')],
  ])('when the server %s mid-SASL, fails with SB_CONNECTION_CLOSED', async (_, close) => {
    const { error } = await failedLogin(
      ['SCRAM-SHA-256'],
      [expectSaslAuth(), sendData(serverFirst), expectSaslResponse(), close],
    );
    expect(error).toMatchObject({ code: 'SB_CONNECTION_CLOSED' });
  });

  it('when the server sends a stream error mid-SASL, fails with SB_STREAM_ERROR and its condition', async () => {
    const { error } = await failedLogin(
      ['SCRAM-SHA-256'],
      [
        expectSaslAuth(),
        sendData(streamError('policy-violation', 'too many attempts')),
        closeConnection(),
      ],
    );
    expect(error).toMatchObject({
      code: 'SB_STREAM_ERROR',
      details: { condition: 'policy-violation', text: 'too many attempts' },
    });
  });

  it('when the server answers SASL with a foreign element, fails with SB_SASL_PROTOCOL', async () => {
    const { error } = await failedLogin(
      ['PLAIN'],
      [expectSaslAuth(), sendData("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>")],
    );
    expect(error).toMatchObject({ code: 'SB_SASL_PROTOCOL', details: { element: 'auth' } });
  });

  describe('SASL elements out of turn', () => {
    /** Long, so that waiting for it cannot pass for failing at once. */
    const timeoutMs = 20_000;
    const success = saslElement('success');
    // Each element out of turn is glued to what precedes it: parsed before the client acts.
    it.each([
      [
        '<success/> glued to the mechanisms, before <auth/>',
        0,
        [
          expectStreamHeader(),
          sendData(streamHeader(DOMAIN) + streamFeatures(mechanismsFeature(['PLAIN'])) + success),
        ],
      ],
      ['a second <success/>', 1, [...offerPlain(), expectSaslAuth(), sendData(success + success)]],
      [
        'a <challenge/> after <success/>',
        1,
        [...offerPlain(), expectSaslAuth(), sendData(success + saslElement('challenge', 'more?'))],
      ],
      [
        'a <failure/> after <success/>',
        1,
        [...offerPlain(), expectSaslAuth(), sendData(success + saslFailure('aborted'))],
      ],
    ])('when the server sends %s, fails at once with SB_SASL_PROTOCOL', async (_, auths, steps) => {
      const { error, elapsedMs, server } = await suite.failedLogin(
        [...negotiateTls(suite.certificates.valid, DOMAIN), ...steps],
        { timeoutMs },
      );
      expect(error).toMatchObject({ code: 'SB_SASL_PROTOCOL', details: { reason: 'unsolicited' } });
      expect(elapsedMs).toBeLessThan(timeoutMs);
      const received = server.received('tls');
      expect(received.match(/<auth\b/g) ?? []).toHaveLength(auths);
      expect(received.match(/<stream:stream\b/g)).toHaveLength(1); // no restart after success
    });
  });

  it('a well-behaved server after the same steps gets the client online (control)', async () => {
    const { account } = await harness.serve(
      [
        ...negotiateTls(suite.certificates.valid, DOMAIN),
        ...acceptPlainLogin(),
        ...answerStreamClose(),
      ],
      { tls: { ca: suite.certificates.ca } },
    );
    await account.connect();
    expect(account.address).toBe(`alice@${DOMAIN}/hostile`);
    expect(harness.faults()).toEqual([]);
  });
});
