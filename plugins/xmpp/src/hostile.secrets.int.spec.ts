/**
 * A hostile server echoes the client's secret back: the password in a SASL `<failure><text>`
 * (verbatim and as the base64 PLAIN payload it got), in a `<stream:error><text>` after login,
 * and a bearer token in the OAUTHBEARER error challenge (RFC 7628 §3.2.2) and the failure that
 * follows. Nothing the host can see (the rejection and its whole cause chain, every event, the
 * account) holds the secret in any of those forms.
 */
import { inspect } from 'node:util';
import { type Account, type AccountEvents, Switchboard } from '@switchboard/core';
import {
  answerStreamClose,
  closeConnection,
  createHostileHarness,
  expectSaslAuth,
  expectSaslResponse,
  type HostileStep,
  mechanismsFeature,
  negotiateTls,
  openStream,
  type StepContext,
  saslElement,
  sendData,
  streamError,
  waitFor,
} from '@switchboard/testing';
import { acceptPlainLogin, DOMAIN, hostileSuite } from './hostile.testkit';
import { bearerModule } from './sasl/bearerProfile.testkit';
import { xmppModule } from './xmppModule';

const PASSWORD = 'Echo-me/hostile+secret-42';
const TOKEN = 'ya29.hostile~bearer/token+7=';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const DEEP = { depth: Number.POSITIVE_INFINITY, showHidden: false };

/** The base64 text of the client's last `<auth/>` or `<response/>`, as the server got it. */
function received(context: StepContext): string {
  return context.match?.[1] ?? '';
}

/** A SASL failure whose text echoes `secret` and the base64 payload the client sent. */
function echoingFailure(secret: string) {
  return (context: StepContext): string =>
    `<failure xmlns='${NS_SASL}'><not-authorized/>` +
    `<text>${secret} is wrong (you sent ${received(context)})</text></failure>`;
}

/** The forms of `secret` a leak would show: verbatim, URL-encoded, and the payload's base64. */
function leaks(secret: string, payload: string): string[] {
  const base64 = Buffer.from(payload).toString('base64');
  const at = base64.length - Math.floor((secret.length * 4) / 3);
  return [secret, encodeURIComponent(secret), base64, base64.slice(at, at + 16)];
}

/** Records every event of `account` with its arguments. */
function recordEvents(account: Account): unknown[][] {
  const events: unknown[][] = [];
  const names: Array<keyof AccountEvents> = [
    'state',
    'online',
    'mechanism',
    'reauthRequired',
    'reconnecting',
    'reconnected',
    'error',
  ];
  for (const name of names) {
    account.on(name, (...args: unknown[]) => events.push([name, ...args]));
  }
  return events;
}

/** Everything a host could print of an error and its causes, and of what else it got. */
function everything(error: unknown, ...also: unknown[]): string {
  const parts: string[] = also.map((value) => inspect(value, DEEP));
  for (let e = error; e !== undefined; e = (e as Error).cause) {
    parts.push(inspect(e, DEEP), String(e), (e as Error).stack ?? '', JSON.stringify(e));
  }
  return parts.join('\n');
}

function expectNone(text: string, forms: readonly string[]): void {
  for (const form of forms) expect(text).not.toContain(form);
}

describe('XmppPlugin against a hostile server: secrets echoed back', () => {
  const suite = hostileSuite({ id: 'hostile-secrets', password: PASSWORD, mechanisms: ['PLAIN'] });
  const { harness } = suite;
  const plainLeaks = leaks(PASSWORD, `\0alice\0${PASSWORD}`);

  it('when the SASL failure text echoes the password and its PLAIN payload, neither the rejection nor an event holds it', async () => {
    const { account } = await harness.serve(
      [
        ...negotiateTls(suite.certificates.valid, DOMAIN),
        ...openStream(DOMAIN, mechanismsFeature(['PLAIN'])),
        expectSaslAuth(),
        sendData(echoingFailure(PASSWORD)),
      ],
      { tls: { ca: suite.certificates.ca } },
    );
    const events = recordEvents(account);

    const error = await harness.connectToFail(account);

    expect(error).toMatchObject({
      code: 'SB_SASL_FAILURE',
      details: { condition: 'not-authorized', mechanism: 'PLAIN' },
    });
    expect(error?.details.text).toMatch(/^\[redacted\] is wrong \(you sent .*\[redacted\].*\)$/);
    expect(account.state).toBe('failed');
    expect(events.map(([name]) => name)).toContain('state');
    expectNone(everything(error, events, account), plainLeaks);
    expect(harness.faults()).toEqual([]);
  });

  it('when a stream error after login echoes the password and the reconnect is refused echoing it again, no event holds it', async () => {
    let online: Promise<unknown> = Promise.resolve();
    let logins = 0;
    const { account } = await harness.serve(
      [
        ...negotiateTls(suite.certificates.valid, DOMAIN),
        ...openStream(DOMAIN, mechanismsFeature(['PLAIN'])),
        expectSaslAuth(),
        // The first login succeeds; the reconnect's is refused with the echo.
        sendData((context) =>
          ++logins === 1 ? saslElement('success') : echoingFailure(PASSWORD)(context),
        ),
        ...acceptPlainLogin().slice(4), // after <success/>: the restart and the bind
        waitFor(() => online),
        sendData(
          streamError(
            'policy-violation',
            `${PASSWORD} / ${Buffer.from(`\0alice\0${PASSWORD}`).toString('base64')}`,
          ),
        ),
        closeConnection(),
      ],
      {
        tls: { ca: suite.certificates.ca },
        reconnect: { initialDelayMs: 10, jitter: 0, maxAttempts: 3 },
      },
    );
    const events = recordEvents(account);
    online = new Promise((resolve) => account.once('online', resolve));
    const failed = new Promise((resolve) =>
      account.on('state', ({ to }) => to === 'failed' && resolve(to)),
    );

    await account.connect();
    await failed;

    const names = events.map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['online', 'reconnecting', 'error']));
    const errors = events.filter(([name]) => name === 'error').map(([, error]) => error);
    expect(errors).toMatchObject([
      { code: 'SB_STREAM_ERROR', details: { condition: 'policy-violation' } },
      { code: 'SB_SASL_FAILURE', details: { condition: 'not-authorized' } },
    ]);
    expect(logins).toBe(2);
    for (const error of errors) expectNone(everything(error), plainLeaks);
    expectNone(everything(undefined, events, account), plainLeaks);
    expect(harness.faults()).toEqual([]);
  });

  describe('with an OAUTHBEARER profile', () => {
    const bearer = createHostileHarness({
      switchboard: Switchboard.create({
        // No OAuth2 client: a refused token cannot be refreshed.
        modules: [xmppModule, bearerModule],
      }),
      account: {
        id: 'hostile-bearer',
        profile: 'bearer',
        address: `alice@${DOMAIN}`,
        credential: { kind: 'oauth2', accessToken: TOKEN },
        timeoutMs: 5000,
        reconnect: false,
        liveness: false,
      },
    });
    afterEach(() => bearer.reset());

    it('when the error challenge and the failure echo the token, the reauthRequired event and the rejection hold none of it', async () => {
      const challenge = JSON.stringify({
        status: 'invalid_token',
        scope: `chat ${TOKEN}`,
        'openid-configuration': `https://idp.example/.well-known?t=${encodeURIComponent(TOKEN)}`,
      });
      let auth = '';
      const script: HostileStep[] = [
        ...negotiateTls(suite.certificates.valid, DOMAIN),
        ...openStream(DOMAIN, mechanismsFeature(['OAUTHBEARER'])),
        expectSaslAuth(),
        sendData((context) => {
          auth = received(context);
          return saslElement('challenge', challenge);
        }),
        expectSaslResponse(),
        sendData(
          () =>
            `<failure xmlns='${NS_SASL}'><not-authorized/><text>${TOKEN} refused: ${auth}</text></failure>`,
        ),
        ...answerStreamClose(),
      ];
      const { account } = await bearer.serve(script, { tls: { ca: suite.certificates.ca } });
      const events = recordEvents(account);

      const error = await bearer.connectToFail(account);

      expect(error).toMatchObject({
        code: 'SB_REAUTH_REQUIRED',
        details: { reason: 'rejected', condition: 'not-authorized', status: 'invalid_token' },
      });
      expect(error?.cause).toMatchObject({
        code: 'SB_SASL_FAILURE',
        details: { scope: 'chat [redacted]', mechanism: 'OAUTHBEARER' },
      });
      expect(account.state).toBe('reauth-required');
      expect(events.map(([name]) => name)).toContain('reauthRequired');
      const bearerPayload = Buffer.from(auth, 'base64').toString('utf8');
      expect(bearerPayload).toContain(TOKEN);
      expectNone(everything(error, events, account), [...leaks(TOKEN, bearerPayload), auth]);
      expect(bearer.faults()).toEqual([]);
    });
  });
});
