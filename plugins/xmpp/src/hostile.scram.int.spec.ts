/**
 * A hostile server answers SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 5802, RFC 7677) with broken
 * server-first messages: the client refuses each one with SB_SASL_MALFORMED_CHALLENGE before
 * it runs PBKDF2 or sends a proof, aborts the exchange, and never goes online.
 */
import {
  expectData,
  expectSaslAuth,
  type HostileData,
  mechanismsFeature,
  negotiateTls,
  openStream,
  saslElement,
  sendData,
} from '@switchboard/testing';
import { clientNonce, DOMAIN, hostileSuite, SALT } from './hostile.testkit';

const PASSWORD = 'hostile-scram-secret-91c4';

/** Server-first messages that must be refused, by the reason the client gives. */
const BROKEN: ReadonlyArray<readonly [string | RegExp, string, (nonce: string) => string]> = [
  ['syntax', 'without r=', () => `s=${SALT},i=4096`],
  ['syntax', 'without s=', (n) => `r=${n}srv,i=4096`],
  ['syntax', 'without i=', (n) => `r=${n}srv,s=${SALT}`],
  ['syntax', 'with its attributes out of order', (n) => `s=${SALT},r=${n}srv,i=4096`],
  ['syntax', 'that is not an attribute list', () => 'hello, I am a server'],
  [
    'nonce-mismatch',
    'whose nonce does not extend the client nonce',
    () => `r=srvonly,s=${SALT},i=4096`,
  ],
  ['nonce-mismatch', 'whose nonce is only the client nonce', (n) => `r=${n},s=${SALT},i=4096`],
  ['salt', 'whose salt is not base64', (n) => `r=${n}srv,s=***,i=4096`],
  ['iterations', 'with i=0', (n) => `r=${n}srv,s=${SALT},i=0`],
  ['iterations', 'with i=-1', (n) => `r=${n}srv,s=${SALT},i=-1`],
  ['iterations-too-low', 'with i=100 (below 4096)', (n) => `r=${n}srv,s=${SALT},i=100`],
  [
    'iterations-too-high',
    'with i=1000001 (above 1,000,000)',
    (n) => `r=${n}srv,s=${SALT},i=1000001`,
  ],
  ['iterations-too-high', 'with i=10^9', (n) => `r=${n}srv,s=${SALT},i=1000000000`],
  // Too many digits to be a count at all, or above the bound: either way refused unrun.
  [/^iterations/, 'with i=10^12', (n) => `r=${n}srv,s=${SALT},i=1000000000000`],
  ['mandatory-extension', 'with a mandatory extension m=', (n) => `m=x,r=${n}srv,s=${SALT},i=4096`],
];

describe.each(['SCRAM-SHA-1', 'SCRAM-SHA-256'])('%s against a hostile server', (mechanism) => {
  const suite = hostileSuite({
    id: `hostile-${mechanism}`,
    password: PASSWORD,
    mechanisms: [mechanism],
  });
  const { harness } = suite;

  async function refusedChallenge(challenge: HostileData) {
    const script = [
      ...negotiateTls(suite.certificates.valid, DOMAIN),
      ...openStream(DOMAIN, mechanismsFeature([mechanism])),
      expectSaslAuth(),
      sendData(challenge),
      expectData(/<abort\b[^>]*\/>/),
    ];
    const { account, server } = await harness.serve(script, { tls: { ca: suite.certificates.ca } });
    const error = await harness.connectToFail(account);
    expect(account.state).toBe('failed');
    expect(harness.faults()).toEqual([]);
    const received = server.received();
    expect(received).toMatch(new RegExp(`<auth [^>]*mechanism="${mechanism}"`));
    expect(received).not.toContain('<response');
    expect(received).not.toContain(PASSWORD);
    expect(server.stepsDone()).toBe(script.length); // the client answered with <abort/>
    return error;
  }

  it.each(BROKEN)('refuses (%s) a server-first message %s', async (reason, _, build) => {
    const error = await refusedChallenge((context) =>
      saslElement('challenge', build(clientNonce(context))),
    );
    expect(error).toMatchObject({
      code: 'SB_SASL_MALFORMED_CHALLENGE',
      details: {
        mechanism,
        reason: typeof reason === 'string' ? reason : expect.stringMatching(reason),
      },
    });
    expect(error?.message).not.toContain('srv');
  });

  it('refuses a challenge that is not base64', async () => {
    const error = await refusedChallenge(saslElement('challenge', undefined, '!!not*base64!!'));
    expect(error).toMatchObject({
      code: 'SB_SASL_MALFORMED_CHALLENGE',
      details: { element: 'challenge' },
    });
  });
});
