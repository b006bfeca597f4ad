import { randomUUID } from 'node:crypto';
import { client, xml } from '@xmpp/client';
import { WebSocket } from 'ws';
import type { BenchServer, LoginRequest, Peer, PeerSession } from './Peer';
import { XmppJsOAuthBearer } from './XmppJsOAuthBearer';

const CHAT_STATES = 'http://jabber.org/protocol/chatstates';

/**
 * Raw `@xmpp/client` 0.14 with its defaults (stream management on, as in Switchboard), one
 * client per login. Over TCP it does STARTTLS; over WebSocket it uses the same `ws` package as
 * StanzaJS (Node 20 has no global WebSocket), so the WebSocket column isolates the transport.
 * Where the server has SASL2 it uses its own SASL2, Bind2 and FAST (HT-SHA-256-NONE, a token
 * asked for at every password login), with a user-agent id kept per user for reconnects.
 * xmpp.js cannot be given a CA: the worker runs with NODE_EXTRA_CA_CERTS. It has no OAUTHBEARER;
 * the benchmark adds one the way an application would (see {@link XmppJsOAuthBearer}).
 */
export function xmppjsPeer(server: BenchServer, transport: 'tcp' | 'websocket'): Peer {
  if (transport === 'websocket') {
    (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  }
  let ids = 0;
  // What a reconnecting application keeps per user: its user-agent id and FAST token.
  const remembered = new Map<string, { userAgentId: string; token?: unknown }>();

  return {
    id: transport === 'tcp' ? 'xmppjs' : 'xmppjs-ws',
    label: '@xmpp/client 0.14',
    transport: transport === 'tcp' ? 'TCP + STARTTLS' : 'WebSocket (wss)',
    supports: (mechanism) =>
      ['PLAIN', 'SCRAM-SHA-1', 'OAUTHBEARER'].includes(mechanism) ||
      (mechanism === 'FAST' && transport === 'tcp'),
    async open(request: LoginRequest): Promise<PeerSession> {
      const port = request.port ?? server.port;
      const memory =
        request.reconnect === undefined
          ? { userAgentId: randomUUID() }
          : (remembered.get(request.username) ?? { userAgentId: randomUUID() });
      if (request.reconnect !== undefined) remembered.set(request.username, memory);
      // Its own FAST (HT-SHA-256-NONE): asks for a token at a password login, uses it when it
      // holds one; a password login with PLAIN otherwise.
      const mechanism = request.mechanism === 'FAST' ? 'PLAIN' : request.mechanism;
      const userAgent = xml('user-agent', { id: memory.userAgentId });
      const xmpp = client({
        service:
          transport === 'websocket'
            ? server.websocketUrl
            : `${request.directTls === true ? 'xmpps' : 'xmpp'}://${server.host}:${port}`,
        domain: request.domain,
        // xmpp.js's default of 2 s per step fails logins on a loaded machine (e.g. SCRAM-SHA-1,
        // which takes it over a second here); the measured logins are far below either.
        timeout: 10_000,
        credentials: async (
          authenticate: (credentials: object, mechanism: string, agent?: unknown) => Promise<void>,
          offered: string[],
        ) => {
          if (!offered.includes(mechanism)) {
            throw new Error(`the server does not offer ${mechanism}`);
          }
          const credentials =
            mechanism === 'OAUTHBEARER'
              ? { username: request.username, token: request.secret }
              : {
                  username: request.username,
                  password: request.secret,
                  ...(request.mechanism === 'FAST' ? { token: memory.token } : {}),
                };
          await authenticate(credentials, mechanism, userAgent);
        },
      });
      xmpp.fast.fetchToken = async () => memory.token;
      xmpp.fast.saveToken = async (token: unknown) => {
        memory.token = token;
      };
      xmpp.fast.deleteToken = async () => {
        memory.token = undefined;
      };
      xmpp.saslFactory.use(XmppJsOAuthBearer);
      xmpp.reconnect.stop();
      xmpp.on('error', () => undefined);
      await xmpp.start();
      const domain = request.domain;
      return {
        jid: xmpp.jid?.toString() ?? '',
        send: (to, body) => {
          const message = xml(
            'message',
            { to, type: 'chat', id: `x${++ids}` },
            xml('body', {}, body),
            xml('active', { xmlns: CHAT_STATES }),
          );
          xmpp.send(message).catch(() => undefined);
        },
        onMessage: (listener) =>
          xmpp.on(
            'stanza',
            (stanza: { is(name: string): boolean; getChildText(name: string): string | null }) => {
              if (!stanza.is('message')) return;
              const body = stanza.getChildText('body');
              if (body !== null) listener(body);
            },
          ),
        ping: async () => {
          await xmpp.iqCaller.request(
            xml('iq', { type: 'get', to: domain }, xml('ping', { xmlns: 'urn:xmpp:ping' })),
          );
        },
        close: async () => {
          await xmpp.stop();
        },
      };
    },
  };
}
