/**
 * A hostile server advertises SCRAM-SHA-256-PLUS and then refuses it: the login ends with the
 * refusal (SB_SASL_FAILURE), never with a second try of a weaker mechanism on the same
 * connection; the same in classic SASL and in SASL2 (XEP-0388). The gs2 flag follows what the
 * connection can bind (XEP-0440 list, RFC 5802 §6). A SASL2 success with a wrong server
 * signature fails the login, and a stanza sent right after it never reaches the account. A SASL2 `<continue/>` asking for
 * tasks this client cannot run ends the login with SB_SASL_PROTOCOL after an `<abort/>`.
 */
import {
  answerStreamClose,
  bindFeature,
  bindResource,
  expectData,
  expectSaslAuth,
  expectSaslResponse,
  mechanismsFeature,
  negotiateTls,
  openStream,
  saslFailure,
  sendData,
  streamFeatures,
} from '@switchboard/testing';
import { clientNonce, DOMAIN, hostileSuite, SALT } from './hostile.testkit';

const PASSWORD = 'hostile-plus-secret-81c4';
const NS_SASL2 = 'urn:xmpp:sasl:2';
const OFFER = ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'];

function authentication(mechanisms: readonly string[]): string {
  const list = mechanisms.map((m) => `<mechanism>${m}</mechanism>`).join('');
  return `<authentication xmlns='${NS_SASL2}'>${list}</authentication>`;
}

const sasl2Failure = `<failure xmlns='${NS_SASL2}'><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/><text>bad binding</text></failure>`;

describe('XmppPlugin against a hostile server: a refused -PLUS mechanism', () => {
  const suite = hostileSuite({ id: 'hostile-plus', password: PASSWORD });

  it('when classic SASL refuses SCRAM-SHA-256-PLUS, fails with SB_SASL_FAILURE and sends no second <auth/>', async () => {
    const { error, server } = await suite.failedLogin([
      ...negotiateTls(suite.certificates.valid, DOMAIN),
      ...openStream(DOMAIN, mechanismsFeature(OFFER)),
      expectSaslAuth(),
      sendData(saslFailure('not-authorized')),
    ]);
    expect(error).toMatchObject({
      code: 'SB_SASL_FAILURE',
      details: { mechanism: 'SCRAM-SHA-256-PLUS', condition: 'not-authorized' },
    });
    const auths = server.received('tls').match(/<auth\b[^>]*>/g) ?? [];
    expect(auths).toHaveLength(1);
    expect(auths[0]).toContain('mechanism="SCRAM-SHA-256-PLUS"');
  });

  it('when SASL2 refuses SCRAM-SHA-256-PLUS, fails with SB_SASL_FAILURE and sends no second <authenticate/>', async () => {
    const { error, server } = await suite.failedLogin([
      ...negotiateTls(suite.certificates.valid, DOMAIN),
      ...openStream(DOMAIN, authentication(OFFER)),
      expectData(/<authenticate\b[^>]*>/),
      sendData(sasl2Failure),
    ]);
    expect(error).toMatchObject({
      code: 'SB_SASL_FAILURE',
      details: {
        mechanism: 'SCRAM-SHA-256-PLUS',
        condition: 'not-authorized',
        text: 'bad binding',
      },
    });
    const received = server.received('tls');
    const authenticate = received.match(/<authenticate\b[^>]*>/g) ?? [];
    expect(authenticate).toHaveLength(1);
    expect(authenticate[0]).toContain('mechanism="SCRAM-SHA-256-PLUS"');
    expect(received).not.toContain('<auth ');
  });

  it('when no channel binding type is shared, skips -PLUS (no-channel-binding) and sends gs2 flag n', async () => {
    const onlyUnique = `<sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'><channel-binding type='tls-unique'/></sasl-channel-binding>`;
    const { account, server } = await suite.harness.serve(
      [
        ...negotiateTls(suite.certificates.valid, DOMAIN),
        ...openStream(DOMAIN, mechanismsFeature(OFFER) + onlyUnique),
        expectSaslAuth(),
        sendData(saslFailure('not-authorized')),
      ],
      { tls: { ca: suite.certificates.ca } },
    );
    const traces: unknown[] = [];
    account.on('mechanism', (mechanism, trace) => traces.push([mechanism, trace]));
    const error = await suite.harness.connectToFail(account);
    expect(error).toMatchObject({ code: 'SB_SASL_FAILURE' });
    expect(traces).toEqual([
      [
        'SCRAM-SHA-256',
        expect.arrayContaining([
          { mechanism: 'SCRAM-SHA-256-PLUS', outcome: 'skipped', reason: 'no-channel-binding' },
          { mechanism: 'SCRAM-SHA-256', outcome: 'selected' },
        ]),
      ],
    ]);
    const auth = /<auth\b[^>]*mechanism="SCRAM-SHA-256">([^<]+)<\/auth>/.exec(
      server.received('tls'),
    );
    // RFC 5802 §6: the client cannot bind on this connection, so it does not claim to.
    expect(Buffer.from(auth?.[1] ?? '', 'base64').toString()).toMatch(/^n,,n=alice,r=/);
  });

  it('when the server offers no -PLUS although the connection could bind, sends gs2 flag y', async () => {
    const { error, server } = await suite.failedLogin([
      ...negotiateTls(suite.certificates.valid, DOMAIN),
      ...openStream(DOMAIN, mechanismsFeature(['SCRAM-SHA-256', 'PLAIN'])),
      expectSaslAuth(),
      sendData(saslFailure('not-authorized')),
    ]);
    const auth = /<auth\b[^>]*mechanism="SCRAM-SHA-256">([^<]+)<\/auth>/.exec(
      server.received('tls'),
    );
    // The downgrade signal: a server that does support binding refuses this login.
    expect(Buffer.from(auth?.[1] ?? '', 'base64').toString()).toMatch(/^y,,n=alice,r=/);
    // Refused as a credential: the plain refusal.
    expect(error).toMatchObject({
      code: 'SB_SASL_FAILURE',
      details: { condition: 'not-authorized' },
    });
  });

  it('when the server refuses the y flag at once (it binds after all), fails with SB_SASL_DOWNGRADE', async () => {
    const { error, server } = await suite.failedLogin([
      ...negotiateTls(suite.certificates.valid, DOMAIN),
      ...openStream(DOMAIN, mechanismsFeature(['SCRAM-SHA-256', 'PLAIN'])),
      expectSaslAuth(),
      sendData(saslFailure('malformed-request')),
    ]);
    expect(error).toMatchObject({
      code: 'SB_SASL_DOWNGRADE',
      details: {
        mechanism: 'SCRAM-SHA-256',
        reason: 'gs2-y-refused',
        condition: 'malformed-request',
      },
    });
    expect(server.received('tls').match(/<auth\b/g)).toHaveLength(1);
  });

  it('when a SASL2 success carries a wrong server signature, fails and nothing after it reaches the account', async () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const bind2 = `<inline><bind xmlns='urn:xmpp:bind:0'><inline/></bind></inline>`;
    const offer = authentication(['SCRAM-SHA-256']).replace(
      '</authentication>',
      `${bind2}</authentication>`,
    );
    const { account, server } = await suite.harness.serve(
      [
        ...negotiateTls(suite.certificates.valid, DOMAIN),
        ...openStream(DOMAIN, offer),
        expectData(/<initial-response>([^<]+)<\/initial-response>/),
        sendData(
          (context) =>
            `<challenge xmlns='${NS_SASL2}'>${b64(`r=${clientNonce(context)}srv,s=${SALT},i=4096`)}</challenge>`,
        ),
        expectSaslResponse(),
        sendData(
          `<success xmlns='${NS_SASL2}'><additional-data>${b64(`v=${b64('not the signature')}`)}</additional-data>` +
            `<bound xmlns='urn:xmpp:bind:0'/><authorization-identifier>alice@${DOMAIN}/x</authorization-identifier></success>` +
            `<message from='mallory@${DOMAIN}/m' to='alice@${DOMAIN}/x' type='chat'><body>smuggled</body></message>`,
        ),
      ],
      { tls: { ca: suite.certificates.ca } },
    );
    const bodies: string[] = [];
    account.on('message', (m) => bodies.push(m.body));
    const error = await suite.harness.connectToFail(account);
    expect(error).toMatchObject({ code: 'SB_SASL_SERVER_VERIFICATION_FAILED' });
    expect(account.state).toBe('failed');
    expect(bodies).toEqual([]);
    expect(server.received('tls')).toMatch(/<response xmlns="urn:xmpp:sasl:2">[^<]+<\/response>/);
  });

  it('when SASL2 answers with <continue/> and tasks, aborts and fails with SB_SASL_PROTOCOL', async () => {
    const { error, server } = await suite.failedLogin(
      [
        ...negotiateTls(suite.certificates.valid, DOMAIN),
        ...openStream(DOMAIN, authentication(['PLAIN'])),
        expectData(/<authenticate\b[^>]*mechanism="PLAIN"/),
        sendData(
          `<continue xmlns='${NS_SASL2}'><tasks><task>HOTP-EXAMPLE</task></tasks></continue>`,
        ),
        expectData(/<abort xmlns="urn:xmpp:sasl:2"\/>/),
      ],
      { mechanisms: ['PLAIN'] },
    );
    expect(error).toMatchObject({
      code: 'SB_SASL_PROTOCOL',
      details: { reason: 'tasks-unsupported', tasks: ['HOTP-EXAMPLE'] },
    });
    expect(server.received('tls')).toMatch(/<abort xmlns="urn:xmpp:sasl:2"\/>/);
  });

  it('when SASL2 has no Bind2, binds with the features that follow the success (no stream restart)', async () => {
    const { account, server } = await suite.harness.serve(
      [
        ...negotiateTls(suite.certificates.valid, DOMAIN),
        ...openStream(DOMAIN, authentication(['PLAIN'])),
        expectData(/<authenticate\b[^>]*mechanism="PLAIN"[\s\S]*?<\/authenticate>/),
        sendData(
          `<success xmlns='${NS_SASL2}'><authorization-identifier>alice@${DOMAIN}</authorization-identifier></success>` +
            streamFeatures(bindFeature),
        ),
        ...bindResource(`alice@${DOMAIN}/plain-bind`),
        ...answerStreamClose(),
      ],
      { tls: { ca: suite.certificates.ca }, mechanisms: ['PLAIN'] },
    );
    await account.connect();
    expect(account.state).toBe('online');
    expect(account.address).toBe(`alice@${DOMAIN}/plain-bind`);
    const received = server.received('tls');
    expect(received).not.toContain('<bind xmlns="urn:xmpp:bind:0"');
    // One stream header after TLS: no restart.
    expect(received.match(/<stream:stream\b/g)).toHaveLength(1);
    await account.disconnect();
  });
});
