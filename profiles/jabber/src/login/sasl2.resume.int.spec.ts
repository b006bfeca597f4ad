/**
 * Inline stream resumption in SASL2 (XEP-0388 with XEP-0198, Prosody 13's `mod_sasl2_sm`): after
 * a cut link, the reconnect's single `<authenticate/>` carries `<resume/>` (and Bind2 as the
 * fallback); messages a contact sent while the link was down arrive once each, in order.
 */
import type { ReconnectedInfo } from '@switchboard/core';
import { type ProsodyServer, startProsody, startWireTap, type WireTap } from '@switchboard/testing';
import { DOMAIN, Sasl2Suite, USERS, until } from './sasl2Kit.testkit';

describe('SASL2 inline resumption on a real Prosody 13', () => {
  let server: ProsodyServer;
  let tap: WireTap;
  const suite = new Sasl2Suite(() => server);

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }], sasl2: true });
    tap = await startWireTap({ targetHost: server.host, targetPort: server.port });
  });
  afterAll(async () => {
    await suite.closeAll();
    await tap?.close();
    await server?.stop();
  });

  it('when the link is cut, resumes inline and delivers what was sent meanwhile once, in order', async () => {
    const alice = suite.account('alice', {
      server: { host: server.host, port: tap.port },
      reconnect: { initialDelayMs: 300, maxDelayMs: 1_000, jitter: 0 },
    });
    const bob = suite.account('bob');
    await Promise.all([alice.account.connect(), bob.account.connect()]);
    const full = alice.account.address ?? '';
    expect(full).toMatch(/\/.+/);
    const bodies: string[] = [];
    alice.account.on('message', (m) => {
      if (m.body.startsWith('resume-')) bodies.push(m.body);
    });
    const back: ReconnectedInfo[] = [];
    alice.account.on('reconnected', (info) => back.push(info));
    const lost = new Promise((resolve) => alice.account.once('reconnecting', resolve));

    tap.cut();
    await lost;
    const sent = Array.from({ length: 15 }, (_, i) => `resume-${i}`);
    for (const body of sent.slice(0, 10)) await bob.account.sendMessage({ to: full, body });
    await until(() => back.length > 0, 'the reconnect');
    for (const body of sent.slice(10)) await bob.account.sendMessage({ to: full, body });
    await until(() => bodies.length >= sent.length, 'every message');
    await new Promise((r) => setTimeout(r, 200));

    expect(bodies).toEqual(sent);
    expect(back).toEqual([expect.objectContaining({ resumed: true })]);
    expect(alice.account.address).toBe(full);
    const out = alice.out();
    const authenticate = out.filter((t) => t.startsWith('<authenticate'));
    expect(authenticate).toHaveLength(2);
    expect(authenticate[1]).toMatch(/<resume xmlns="urn:xmpp:sm:3" h="\d+" previd="[^"]+"\/>/);
    // The reconnect logs in with the FAST token the first login got: one round trip for all.
    expect(authenticate[1]).toContain('mechanism="HT-SHA-256-EXPR"');
    expect(authenticate[1]).toContain('<fast xmlns="urn:xmpp:fast:0"/>');
    expect(out.filter((t) => t.startsWith('<resume'))).toEqual([]);
    expect(out.filter((t) => t.startsWith('<enable'))).toEqual([]);
    const success = alice.in().filter((t) => t.startsWith('<success xmlns="urn:xmpp:sasl:2"'));
    expect(success[1]).toContain('<resumed');
    expect(success[1]).not.toContain('<bound');
  });
});

describe('SASL2 inline resumption refused on a real Prosody 13', () => {
  let server: ProsodyServer;
  let tap: WireTap;
  const suite = new Sasl2Suite(() => server);

  beforeAll(async () => {
    server = await startProsody({
      hosts: [{ domain: DOMAIN, users: USERS }],
      sasl2: true,
      streamManagement: { hibernationSeconds: 1 },
    });
    tap = await startWireTap({ targetHost: server.host, targetPort: server.port });
  });
  afterAll(async () => {
    await suite.closeAll();
    await tap?.close();
    await server?.stop();
  });

  it('when the old stream is gone, the same <authenticate/> binds a fresh one and enables stream management', async () => {
    const alice = suite.account('alice', {
      server: { host: server.host, port: tap.port },
      reconnect: { initialDelayMs: 2_500, maxDelayMs: 3_000, jitter: 0 },
    });
    await alice.account.connect();
    const back: ReconnectedInfo[] = [];
    alice.account.on('reconnected', (info) => back.push(info));

    tap.cut();
    await until(() => back.length > 0, 'the reconnect');

    expect(back).toEqual([expect.objectContaining({ resumed: false })]);
    expect(alice.account.state).toBe('online');
    const authenticate = alice.out().filter((t) => t.startsWith('<authenticate'));
    expect(authenticate).toHaveLength(2);
    expect(authenticate[1]).toContain('<resume xmlns="urn:xmpp:sm:3"');
    expect(authenticate[1]).toContain('<bind xmlns="urn:xmpp:bind:0">');
    const success = alice.in().filter((t) => t.startsWith('<success xmlns="urn:xmpp:sasl:2"'));
    expect(success[1]).toMatch(/<failed[^>]*xmlns="urn:xmpp:sm:3"/);
    expect(success[1]).toMatch(/<bound xmlns="urn:xmpp:bind:0"><enabled/);
    expect(alice.out().filter((t) => t.startsWith('<enable') || t.startsWith('<resume'))).toEqual(
      [],
    );
  });
});
