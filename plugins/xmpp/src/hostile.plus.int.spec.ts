/**
 * A hostile server advertises SCRAM-SHA-256-PLUS and then refuses it: the login ends with the
 * refusal (SB_SASL_FAILURE), never with a second try of a weaker mechanism on the same
 * connection; the same in classic SASL and in SASL2 (XEP-0388). The gs2 flag follows what the
 * connection can bind (XEP-0440 list, RFC 5802 §6). A SASL2 `<continue/>` asking for
 * tasks this client cannot run ends the login with SB_SASL_PROTOCOL after an `<abort/>`.
 */
import {
  expectData,
  expectSaslAuth,
  mechanismsFeature,
  negotiateTls,
  openStream,
  saslFailure,
  sendData,
} from '@switchboard/testing';
import { DOMAIN, hostileSuite } from './hostile.testkit';

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
    const { server } = await suite.failedLogin([
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
});
