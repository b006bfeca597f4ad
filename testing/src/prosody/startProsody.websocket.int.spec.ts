import { SwitchboardError } from '@switchboard/core';
import { canConnect } from '../net/canConnect';
import type { ProsodyServer } from './ProsodyServer';
import { scramClient } from './scram.testkit';
import { startProsody } from './startProsody';
import { connection, Opcode, upgrade, type WebSocketConnection } from './websocket.testkit';
import { channelBindings, mechanisms } from './xmppProbe.testkit';

const DOMAIN = 'ws.test';
const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const open = `<open xmlns="${FRAMING}" to="${DOMAIN}" version="1.0"/>`;
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

const connections: WebSocketConnection[] = [];
afterEach(() => {
  for (const c of connections.splice(0)) c.socket.destroy();
});

async function connect(server: ProsodyServer): Promise<WebSocketConnection> {
  const ws = connection(await upgrade(server.websocketUrl ?? '', server.ca));
  connections.push(ws);
  return ws;
}

/** Sends `<open/>`; returns the server's `<open>` frame and its features frame. */
async function openStream(ws: WebSocketConnection): Promise<{ open: string; features: string }> {
  ws.send(open);
  return { open: await ws.next(), features: await ws.until(/<\/(stream:)?features>/) };
}

describe(startProsody, () => {
  describe('with websocket: true', () => {
    let server: ProsodyServer;
    beforeAll(async () => {
      server = await startProsody({
        websocket: true,
        hosts: [{ domain: DOMAIN, users: [{ username: 'wes', password: 'wes-pw' }] }],
      });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('when started, serves wss on its own port of 127.0.0.1 only, and no plain HTTP', async () => {
      const url = new URL(server.websocketUrl ?? '');
      expect(url.protocol).toBe('wss:');
      expect(url.hostname).toBe('127.0.0.1');
      expect(url.pathname).toBe('/xmpp-websocket');
      const port = Number(url.port);
      expect([server.port, server.directTlsPort]).not.toContain(port);
      expect(await canConnect('127.0.0.1', port)).toBe(true);
      expect(await canConnect('127.0.0.2', port)).toBe(false);
      expect(await canConnect('::1', port)).toBe(false);
      const log = await server.log();
      expect(log).toContain(`Activated service 'https' on [127.0.0.1]:${port}`);
      expect(log).toContain("Activated service 'http' on no ports");
    });

    it('when a client asks for the xmpp subprotocol, the upgrade succeeds over verified TLS', async () => {
      const answer = await upgrade(server.websocketUrl ?? '', server.ca);
      answer.socket?.destroy();
      expect(answer.status).toBe(101);
      expect(answer.headers['sec-websocket-protocol']).toBe('xmpp');
      expect(answer.acceptValid).toBe(true);
      expect(answer.socket?.authorized).toBe(true);
    });

    it('when a client asks for another subprotocol, Prosody refuses the upgrade (501)', async () => {
      const answer = await upgrade(server.websocketUrl ?? '', server.ca, 'chat');
      expect(answer.status).toBe(501);
      expect(answer.socket).toBeUndefined();
    });

    it('when the client opens the stream, the server answers <open/> and offers SASL PLAIN and SCRAM (also -PLUS with tls-exporter), no STARTTLS', async () => {
      const ws = await connect(server);
      const answer = await openStream(ws);
      expect(answer.open).toMatch(/^<open [^>]*\/>$/);
      expect(answer.open).toContain(`xmlns='${FRAMING}'`);
      expect(answer.open).toContain(`from='${DOMAIN}'`);
      expect(answer.features).toMatch(/^<(stream:)?features/);
      expect(answer.features).toContain(`<mechanisms xmlns='${SASL}'>`);
      expect(mechanisms(answer.features).sort()).toEqual([
        'PLAIN',
        'SCRAM-SHA-1',
        'SCRAM-SHA-1-PLUS',
        'SCRAM-SHA-256',
        'SCRAM-SHA-256-PLUS',
      ]);
      // Bound to the HTTPS connection's TLS 1.3 session, as on c2s.
      expect(channelBindings(answer.features)).toEqual(['tls-exporter']);
      expect(answer.features).not.toContain('starttls');
    });

    it('when a user logs in with PLAIN, binds and enables stream management, each step succeeds', async () => {
      const ws = await connect(server);
      await openStream(ws);
      ws.send(`<auth xmlns='${SASL}' mechanism='PLAIN'>${b64('\0wes\0wes-pw')}</auth>`);
      expect(await ws.next()).toMatch(/^<success/);
      const { features } = await openStream(ws);
      expect(features).toContain("<sm xmlns='urn:xmpp:sm:3'");
      ws.send(
        "<iq xmlns='jabber:client' type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>ws</resource></bind></iq>",
      );
      expect(await ws.next()).toContain(`<jid>wes@${DOMAIN}/ws</jid>`);
      ws.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
      expect(await ws.next()).toMatch(/^<enabled [^>]*resume='true'/);
      ws.send("<iq xmlns='jabber:client' type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
      const pong = await ws.next();
      expect(pong).toMatch(/^<iq [^>]*type='result'/);
      expect(pong).toContain("id='p1'");
      ws.send("<r xmlns='urn:xmpp:sm:3'/>");
      expect(await ws.until(/^<a /)).toMatch(/<a [^>]*h='1'/);
      ws.send(`<close xmlns="${FRAMING}"/>`);
      expect(await ws.until('<close')).toMatch(new RegExp(`<close xmlns='${FRAMING}'/>$`));
    });

    it('when a user logs in with SCRAM-SHA-256, the server proves it knows the password', async () => {
      const ws = await connect(server);
      await openStream(ws);
      const client = scramClient('sha256', 'wes', 'wes-pw');
      ws.send(`<auth xmlns='${SASL}' mechanism='SCRAM-SHA-256'>${b64(client.first)}</auth>`);
      const challenge = /<challenge[^>]*>([^<]+)</.exec(await ws.next())?.[1] ?? '';
      const final = client.final(Buffer.from(challenge, 'base64').toString('utf8'));
      ws.send(`<response xmlns='${SASL}'>${b64(final.message)}</response>`);
      const success = /<success[^>]*>([^<]+)</.exec(await ws.next())?.[1] ?? '';
      expect(Buffer.from(success, 'base64').toString('utf8')).toBe(`v=${final.serverSignature}`);
    });

    it('when the password is wrong, PLAIN fails with not-authorized', async () => {
      const ws = await connect(server);
      await openStream(ws);
      ws.send(`<auth xmlns='${SASL}' mechanism='PLAIN'>${b64('\0wes\0nope')}</auth>`);
      expect(await ws.next()).toContain('<not-authorized/>');
    });

    it('when the client pings at the WebSocket level, the server answers with a pong', async () => {
      const ws = await connect(server);
      ws.socket.write(Buffer.from([0x80 | Opcode.ping, 0x80, 1, 2, 3, 4]));
      await openStream(ws);
      expect(ws.controlFrames.map((f) => f.opcode)).toContain(Opcode.pong);
    });
  });

  it("when websocket is asked for with tls: 'none', fails with SB_CONFIG_INVALID before starting", async () => {
    const error = await startProsody({ websocket: true, tls: 'none' }).catch((e: unknown) => e);
    expect(SwitchboardError.is(error, 'SB_CONFIG_INVALID')).toBe(true);
    expect((error as SwitchboardError).details).toEqual({ option: 'websocket' });
  });
});
