import { type Agent, createClient } from 'stanza';
import type { BenchServer, LoginRequest, Peer, PeerSession } from './Peer';

/** Every mechanism StanzaJS 12 registers; all but the one under test are disabled per login. */
const STANZA_MECHANISMS = [
  'EXTERNAL',
  'SCRAM-SHA-256-PLUS',
  'SCRAM-SHA-256',
  'SCRAM-SHA-1-PLUS',
  'SCRAM-SHA-1',
  'DIGEST-MD5',
  'OAUTHBEARER',
  'X-OAUTH2',
  'PLAIN',
  'ANONYMOUS',
];

/**
 * StanzaJS 12 with its defaults (stream management on). It has no TCP transport, only WebSocket
 * (RFC 7395) and BOSH, so it logs in over `wss://`. Online means bound with stream management
 * enabled, the same point as the other peers (`session:started` fires one round trip earlier,
 * before `<enabled/>`).
 */
export function stanzaPeer(server: BenchServer): Peer {
  return {
    id: 'stanza',
    label: 'StanzaJS 12.22',
    transport: 'WebSocket (wss)',
    supports: (mechanism) =>
      ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256', 'OAUTHBEARER'].includes(mechanism),
    async open(request: LoginRequest): Promise<PeerSession> {
      const jid = `${request.username}@${request.domain}`;
      // StanzaJS 12 writes an authzid into the OAUTHBEARER gs2 header without the `a=` prefix
      // RFC 7628 requires (`n,bench@token.bench,`), which the server refuses as malformed; an
      // empty authzid gives the valid `n,,`.
      const client: Agent = createClient({
        jid,
        server: request.domain,
        transports: { websocket: server.websocketUrl, bosh: false },
        credentials:
          request.mechanism === 'OAUTHBEARER'
            ? { username: request.username, authzid: '', token: request.secret }
            : { username: request.username, password: request.secret },
      });
      for (const name of STANZA_MECHANISMS) {
        if (name !== request.mechanism) client.sasl.disable(name);
      }
      await online(client);
      return {
        jid: client.jid,
        send: (to, body) => {
          client.sendMessage({ to, body, type: 'chat', chatState: 'active' });
        },
        onMessage: (listener) =>
          client.on('message', (message) => {
            if (message.body !== undefined) listener(message.body);
          }),
        ping: () => client.ping(request.domain),
        close: () =>
          new Promise<void>((resolve) => {
            client.once('disconnected', () => resolve());
            client.disconnect();
          }),
      };
    },
  };
}

/** Connects and resolves once `<enabled/>` arrives; rejects if the session ends first. */
function online(client: Agent): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onSm = (sm: { type: string }): void => {
      if (sm.type !== 'enabled') return;
      cleanup();
      resolve();
    };
    const onFailure = (): void => {
      cleanup();
      reject(new Error('StanzaJS: authentication failed'));
    };
    const onEnd = (): void => {
      cleanup();
      reject(new Error('StanzaJS: the session ended before it was online'));
    };
    const cleanup = (): void => {
      client.off('sm', onSm);
      client.off('auth:failed', onFailure);
      client.off('--transport-disconnected', onEnd);
    };
    client.on('sm', onSm);
    client.on('auth:failed', onFailure);
    client.on('--transport-disconnected', onEnd);
    client.connect();
  });
}
