/**
 * Channel binding (RFC 5929, RFC 9266, XEP-0440) and SCRAM downgrade protection (XEP-0474) on a
 * real Prosody 13: SCRAM-SHA-256-PLUS logs in over tls-exporter (TLS 1.3) in SASL2 and in
 * classic SASL with `mod_sasl_ssdp` checking the offer; over TLS 1.2 with tls-server-end-point
 * (the certificate hash) and with tls-unique. The server verifies the binding data, so each
 * login proves the data this client computed from its TLS socket.
 */
import type { SaslLoginContext, SaslRegistry } from '@switchboard/core';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { DOMAIN, type Logged, Sasl2Suite, USERS } from './sasl2Kit.testkit';

/** Records the channel binding types each login of `name` was offered, best first. */
function spyOnBindings(registry: SaslRegistry, name: string): string[][] {
  const seen: string[][] = [];
  const entry = registry.list().find((e) => e.mechanism.name === name);
  if (entry === undefined) throw new Error(`${name} is not registered`);
  const { mechanism } = entry;
  registry.register(
    {
      ...mechanism,
      create: (context?: SaslLoginContext) => {
        seen.push([...(context?.channelBindings ?? [])]);
        return mechanism.create(context);
      },
    },
    { override: true, priority: entry.priority },
  );
  return seen;
}

/** The binding types the server advertised (XEP-0440) in the features that offered SASL. */
function advertised(logged: Logged): string[] {
  const features = logged.in().filter((t) => t.includes('<sasl-channel-binding'));
  const last = features[features.length - 1] ?? '';
  return [...last.matchAll(/<channel-binding type="([^"]+)"/g)].map((m) => m[1] ?? '');
}

function framings(logged: Logged): string[] {
  return logged.selections.map((s) => `${s.mechanism} ${s.framing?.framing}`);
}

describe('channel binding with SSDP on a real Prosody 13 (TLS 1.3)', () => {
  let server: ProsodyServer;
  const suite = new Sasl2Suite(() => server);
  const bindings = spyOnBindings(suite.switchboard.registry, 'SCRAM-SHA-256-PLUS');

  beforeAll(async () => {
    server = await startProsody({
      hosts: [{ domain: DOMAIN, users: USERS }],
      sasl2: true,
      ssdp: true,
      tlsServerEndPoint: true,
    });
  });
  afterEach(async () => {
    await suite.closeAll();
    bindings.length = 0;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('when SASL2 is used, SCRAM-SHA-256-PLUS binds to tls-exporter and the SSDP check passes', async () => {
    const alice = suite.account('alice');
    await alice.account.connect();
    expect(framings(alice)).toEqual(['SCRAM-SHA-256-PLUS sasl2']);
    expect(bindings[0]?.[0]).toBe('tls-exporter');
    // What this client can produce, narrowed to the server's list.
    expect([...(bindings[0] ?? [])].sort()).toEqual(advertised(alice).sort());
  });

  it('when the connection is direct TLS, SCRAM-SHA-256-PLUS binds to tls-exporter in SASL2', async () => {
    const port = server.directTlsPort;
    if (port === undefined) throw new Error('the kit starts direct TLS by default');
    const alice = suite.account('alice', { server: { host: server.host, port, tls: 'direct' } });
    await alice.account.connect();
    expect(alice.out().filter((t) => t.startsWith('<starttls'))).toEqual([]);
    expect(framings(alice)).toEqual(['SCRAM-SHA-256-PLUS sasl2']);
    expect(bindings[0]?.[0]).toBe('tls-exporter');
  });

  it('when classic SASL is used, SCRAM-SHA-256-PLUS binds to tls-exporter and the SSDP check passes', async () => {
    const alice = suite.account('alice', { parameters: { sasl2: 'off' } });
    await alice.account.connect();
    expect(framings(alice)).toEqual(['SCRAM-SHA-256-PLUS sasl']);
    expect(bindings[0]?.[0]).toBe('tls-exporter');
    expect([...(bindings[0] ?? [])].sort()).toEqual(advertised(alice).sort());
  });
});

describe.each([
  ['tls-server-end-point', true, ['tls-server-end-point', 'tls-unique']],
  ['tls-unique', false, ['tls-unique']],
])('channel binding over TLS 1.2 on a real Prosody 13: %s', (binding, endPoint, offered) => {
  let server: ProsodyServer;
  const suite = new Sasl2Suite(() => server);
  const bindings = spyOnBindings(suite.switchboard.registry, 'SCRAM-SHA-256-PLUS');

  beforeAll(async () => {
    server = await startProsody({
      hosts: [{ domain: DOMAIN, users: USERS }],
      ssdp: true,
      tlsServerEndPoint: endPoint,
      extraConfig: 'c2s_ssl = { protocol = "tlsv1_2" }',
    });
  });
  afterEach(() => suite.closeAll());
  afterAll(async () => {
    await server?.stop();
  });

  // The first connection: Prosody 13.0.1 resolves `tls_server_end_point_hash = "auto"` for the
  // first stream only (mod_saslauth then resets the setting), later ones offer no end-point.
  it(`logs in with SCRAM-SHA-256-PLUS bound to ${binding} (classic SASL)`, async () => {
    const alice = suite.account('alice');
    await alice.account.connect();
    expect(alice.account.state).toBe('online');
    expect(framings(alice)).toEqual(['SCRAM-SHA-256-PLUS sasl']);
    expect(bindings).toEqual([offered]);
    expect(advertised(alice).sort()).toEqual([...offered].sort());
  });
});
