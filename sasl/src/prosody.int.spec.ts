/**
 * The mechanisms of this package against a real Prosody 13 with mod_sasl_ssdp, mod_sasl2 and
 * mod_sasl2_fast: channel binding (tls-exporter, tls-server-end-point), XEP-0474's `h=` as
 * Prosody computes it for classic SASL and SASL2, the `y` flag, and HT-* with a FAST token.
 */
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { htSha256Expr, htSha256None } from './hashedToken';
import { scramSha1, scramSha256, scramSha256Plus } from './scram';
import { exchange, liveContext, offerOf, openTlsStream, type WireStream } from './xmppWire.testkit';

const DOMAIN = 'example.test';
const alice = { username: 'alice', password: 'alice-pw-1' };

describe('mechanisms on Prosody 13', () => {
  let server: ProsodyServer;
  const streams: WireStream[] = [];

  beforeAll(async () => {
    server = await startProsody({
      hosts: [{ domain: DOMAIN, users: [alice] }],
      sasl2: true,
      ssdp: true,
      tlsServerEndPoint: true,
    });
  });
  afterAll(async () => {
    await server.stop();
  });
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });

  async function open(): Promise<WireStream> {
    const stream = await openTlsStream(server.port, DOMAIN, server.ca);
    streams.push(stream);
    return stream;
  }

  it('offers -PLUS and tls-exporter on TLS 1.3, the same list for classic SASL and SASL2', async () => {
    const stream = await open();
    const offer = offerOf(stream.features);
    expect(stream.socket.getProtocol()).toBe('TLSv1.3');
    expect(offer.classic).toEqual(expect.arrayContaining(['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256']));
    expect(offer.bindings).toContain('tls-exporter');
    expect(offer.sasl2).toEqual(offer.classic);
  });

  it('classic SASL: SCRAM-SHA-256-PLUS with tls-exporter and the h= check succeeds', async () => {
    const stream = await open();
    const offer = offerOf(stream.features);
    const context = liveContext(stream, ['tls-exporter'], {
      offered: offer.classic,
      serverChannelBindings: offer.bindings,
    });
    const outcome = await exchange(stream, scramSha256Plus, alice, context);
    expect(outcome).toEqual({ success: expect.stringContaining('<success') });
  });

  it('classic SASL: SCRAM-SHA-1 checks h= with SHA-1', async () => {
    const stream = await open();
    const offer = offerOf(stream.features);
    const context = liveContext(stream, [], {
      offered: offer.classic,
      serverChannelBindings: offer.bindings,
    });
    await expect(exchange(stream, scramSha1, alice, context)).resolves.toHaveProperty('success');
  });

  it('classic SASL: an offer stripped of -PLUS is caught by h= before any proof', async () => {
    const stream = await open();
    const offer = offerOf(stream.features);
    const context = liveContext(stream, [], {
      offered: offer.classic.filter((name) => !name.endsWith('-PLUS')),
      serverChannelBindings: offer.bindings,
    });
    await expect(exchange(stream, scramSha256, alice, context)).rejects.toMatchObject({
      code: 'SB_SASL_DOWNGRADE',
    });
  });

  it('classic SASL: y,, (client could bind, -PLUS not seen) is refused by a server that binds', async () => {
    const stream = await open();
    const offer = offerOf(stream.features);
    const context = liveContext(stream, ['tls-exporter'], {
      offered: offer.classic.filter((name) => !name.endsWith('-PLUS')),
    });
    const outcome = await exchange(stream, scramSha256, alice, context);
    expect(outcome).toEqual({ failure: expect.stringContaining('malformed-request') });
  });

  it('SASL2: SCRAM-SHA-256-PLUS with tls-exporter and the h= check succeeds', async () => {
    const stream = await open();
    const offer = offerOf(stream.features);
    const context = liveContext(stream, ['tls-exporter'], {
      offered: offer.sasl2,
      serverChannelBindings: offer.bindings,
    });
    const outcome = await exchange(stream, scramSha256Plus, alice, context, {});
    expect(outcome).toEqual({ success: expect.stringContaining('urn:xmpp:sasl:2') });
  });

  it('SASL2 FAST: a token issued at a SCRAM login logs in with HT-SHA-256-EXPR and HT-SHA-256-NONE', async () => {
    const agent =
      "<user-agent id='d4565fa7-4d72-4749-b3d3-740edbf87770'><software>spec</software></user-agent>";
    for (const ht of [htSha256Expr, htSha256None]) {
      const first = await open();
      const offer = offerOf(first.features);
      expect(offer.fast).toEqual(expect.arrayContaining([ht.name]));
      const outcome = await exchange(
        first,
        scramSha256Plus,
        alice,
        liveContext(first, ['tls-exporter'], {
          offered: offer.sasl2,
          serverChannelBindings: offer.bindings,
        }),
        { inner: `${agent}<request-token xmlns='urn:xmpp:fast:0' mechanism='${ht.name}'/>` },
      );
      const token = /<token[^>]*token=['"]([^'"]+)['"]/.exec(
        'success' in outcome ? outcome.success : '',
      )?.[1];
      expect(token).toMatch(/^secret-token:fast-/);
      const second = await open();
      const fast = await exchange(
        second,
        ht,
        { username: 'alice', fastToken: token ?? '' },
        liveContext(second, ['tls-exporter'], { offered: offerOf(second.features).fast }),
        { inner: `${agent}<fast xmlns='urn:xmpp:fast:0'/>` },
      );
      // The mechanism verified the server's responder hash, or this would have thrown.
      expect(fast).toEqual({ success: expect.stringContaining('<success') });
    }
  });

  it('SASL2 FAST: a wrong token is refused', async () => {
    const stream = await open();
    const agent = "<user-agent id='d4565fa7-4d72-4749-b3d3-740edbf87771'/>";
    const outcome = await exchange(
      stream,
      htSha256None,
      { username: 'alice', fastToken: 'secret-token:fast-wrong' },
      liveContext(stream, [], { offered: [] }),
      { inner: `${agent}<fast xmlns='urn:xmpp:fast:0'/>` },
    );
    expect(outcome).toEqual({ failure: expect.stringContaining('<failure') });
  });
});

describe('SCRAM-SHA-256-PLUS with tls-server-end-point on Prosody 13', () => {
  let server: ProsodyServer;

  beforeEach(async () => {
    server = await startProsody({
      hosts: [{ domain: DOMAIN, users: [alice] }],
      sasl2: true,
      ssdp: true,
      tlsServerEndPoint: true,
    });
  });
  afterEach(async () => {
    await server.stop();
  });

  // Prosody 13.0's `tls_server_end_point_hash = "auto"` offers the binding on the first
  // connection after start only (mod_saslauth then resets the option): each test uses that one.
  // SASL2 runs on mod_saslauth's handler too, so it takes the binding, and SSDP hashes it.
  it.each(['classic', 'SASL2'])(
    '%s: binds to the server certificate (SHA-256 of its DER) and passes the h= check',
    async (kind) => {
      const stream = await openTlsStream(server.port, DOMAIN, server.ca);
      try {
        const offer = offerOf(stream.features);
        expect([...offer.bindings].sort()).toEqual(['tls-exporter', 'tls-server-end-point']);
        const context = liveContext(stream, ['tls-server-end-point'], {
          offered: kind === 'classic' ? offer.classic : offer.sasl2,
          serverChannelBindings: offer.bindings,
        });
        const outcome = await exchange(
          stream,
          scramSha256Plus,
          alice,
          context,
          kind === 'classic' ? undefined : {},
        );
        expect(outcome).toEqual({ success: expect.stringContaining('<success') });
      } finally {
        stream.close();
      }
    },
  );
});
