/**
 * SASL2 (XEP-0388) with Bind2 (XEP-0386), inline stream management and carbons on a real
 * Prosody 13: one `<authenticate/>` logs in, binds, enables stream management and carbons;
 * nothing is negotiated after it. `parameters.sasl2 = 'off'` and a server without SASL2 use
 * classic SASL, and the account's `mechanism` event says which framing and why.
 */
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { DOMAIN, Sasl2Suite, USERS } from './sasl2Kit.testkit';

const NS_SM = 'urn:xmpp:sm:3';
const NS_CARBONS = 'urn:xmpp:carbons:2';

describe('SASL2 with Bind2 on a real Prosody 13', () => {
  let server: ProsodyServer;
  const suite = new Sasl2Suite(() => server);

  beforeAll(async () => {
    server = await startProsody({
      hosts: [{ domain: DOMAIN, users: USERS }],
      sasl2: true,
      carbons: true,
    });
  });
  afterEach(() => suite.closeAll());
  afterAll(async () => {
    await server?.stop();
  });

  it('when SASL2 is offered, one <authenticate/> with SCRAM-SHA-256-PLUS (tls-exporter) binds, enables stream management and carbons', async () => {
    const alice = suite.account('alice');
    await alice.account.connect();
    expect(alice.account.state).toBe('online');

    const out = alice.out();
    const authenticate = out.filter((t) => t.startsWith('<authenticate'));
    expect(authenticate).toHaveLength(1);
    expect(authenticate[0]).toContain('mechanism="SCRAM-SHA-256-PLUS"');
    expect(authenticate[0]).toMatch(
      /<user-agent id="[0-9a-f-]{36}"><software>Switchboard<\/software>/,
    );
    expect(authenticate[0]).toContain('<bind xmlns="urn:xmpp:bind:0"><tag>');
    expect(authenticate[0]).toContain(`<enable xmlns="${NS_SM}" resume="true"/>`);
    expect(authenticate[0]).toContain(`<enable xmlns="${NS_CARBONS}"/>`);
    expect(authenticate[0]).toContain(
      '<request-token xmlns="urn:xmpp:fast:0" mechanism="HT-SHA-256-EXPR"/>',
    );
    // Nothing of the classic login: no <auth/>, no stream restart, no bind IQ, no <enable/>.
    expect(out.filter((t) => t.startsWith('<auth ') || t.startsWith('<auth>'))).toEqual([]);
    expect(out.filter((t) => t.includes('urn:ietf:params:xml:ns:xmpp-bind'))).toEqual([]);
    expect(out.filter((t) => t.startsWith('<enable'))).toEqual([]);
    expect(out.filter((t) => t.includes(`<enable xmlns="${NS_CARBONS}"/></iq>`))).toEqual([]);

    const success = alice.in().find((t) => t.startsWith('<success xmlns="urn:xmpp:sasl:2"'));
    expect(success).toMatch(
      /<bound xmlns="urn:xmpp:bind:0"><enabled(?=[^>]*xmlns="urn:xmpp:sm:3")(?=[^>]*resume="1")/,
    );
    expect(success).toContain(`<enabled xmlns="${NS_CARBONS}"/>`);
    expect(alice.account.address).toMatch(new RegExp(`^alice@${DOMAIN}/.+`));
    expect(alice.account.capabilities.otherDevices).toBe(true);
    expect(alice.selections).toEqual([
      {
        mechanism: 'SCRAM-SHA-256-PLUS',
        trace: expect.arrayContaining([
          { mechanism: 'SCRAM-SHA-256-PLUS', outcome: 'selected' },
          { mechanism: 'SCRAM-SHA-256', outcome: 'skipped', reason: 'lower-preference' },
        ]),
        // Every account has login memory (in the switchboard's token store): a FAST token is asked.
        framing: { framing: 'sasl2', fast: false, tokenRequested: true, reason: 'sasl2-offered' },
      },
    ]);
  });

  it('when the -PLUS mechanisms are disabled here, logs in with SCRAM-SHA-256 in SASL2', async () => {
    const plain = new Sasl2Suite(() => server);
    plain.switchboard.registry.disable('SCRAM-SHA-256-PLUS').disable('SCRAM-SHA-1-PLUS');
    try {
      const alice = plain.account('alice');
      await alice.account.connect();
      const authenticate = alice.out().filter((t) => t.startsWith('<authenticate'));
      expect(authenticate).toHaveLength(1);
      expect(authenticate[0]).toContain('mechanism="SCRAM-SHA-256"');
      expect(authenticate[0]).toContain(`<enable xmlns="${NS_SM}" resume="true"/>`);
      expect(alice.out().filter((t) => t.startsWith('<enable'))).toEqual([]);
      expect(alice.selections.map((s) => [s.mechanism, s.framing?.framing])).toEqual([
        ['SCRAM-SHA-256', 'sasl2'],
      ]);
    } finally {
      await plain.closeAll();
    }
  });

  it('when online through SASL2, messages flow both ways and are acknowledged by stream management', async () => {
    const alice = suite.account('alice');
    const bob = suite.account('bob');
    await Promise.all([alice.account.connect(), bob.account.connect()]);
    const got: string[] = [];
    bob.account.on('message', (m) => got.push(m.body));
    const delivered = new Promise((resolve) =>
      alice.account.on('delivery', (update) => update.state === 'accepted' && resolve(update)),
    );
    await alice.account.sendMessage({ to: `bob@${DOMAIN}`, body: 'over sasl2' });
    await delivered;
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual(['over sasl2']);
  });

  it("when parameters.sasl2 is 'off', logs in with classic SASL and says why", async () => {
    const alice = suite.account('alice', { parameters: { sasl2: 'off' } });
    await alice.account.connect();
    const out = alice.out();
    expect(out.filter((t) => t.startsWith('<authenticate'))).toEqual([]);
    expect(out.filter((t) => t.startsWith('<auth '))).toHaveLength(1);
    expect(out.some((t) => t.includes('urn:ietf:params:xml:ns:xmpp-bind'))).toBe(true);
    expect(alice.selections.map((s) => s.framing)).toEqual([
      { framing: 'sasl', fast: false, tokenRequested: false, reason: 'sasl2-off' },
    ]);
  });
});

describe('a Prosody 13 without SASL2', () => {
  let server: ProsodyServer;
  const suite = new Sasl2Suite(() => server);

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }] });
  });
  afterEach(() => suite.closeAll());
  afterAll(async () => {
    await server?.stop();
  });

  it('logs in with classic SASL and says SASL2 was not offered', async () => {
    const alice = suite.account('alice');
    await alice.account.connect();
    expect(alice.out().filter((t) => t.startsWith('<auth '))).toHaveLength(1);
    expect(alice.selections.map((s) => s.framing)).toEqual([
      { framing: 'sasl', fast: false, tokenRequested: false, reason: 'sasl2-not-offered' },
    ]);
  });
});
