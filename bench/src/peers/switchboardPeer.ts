import { acmeModule } from '@acme/switchboard-profile-acme';
import { type AccountConfig, Switchboard } from '@switchboard/core';
import { jabberModule } from '@switchboard/profile-jabber';
import { xmppModule } from '@switchboard/xmpp';
import type { BenchServer, LoginRequest, Peer, PeerSession } from './Peer';

/**
 * Switchboard: one instance for the whole run, a fresh account per login. Passwords go through
 * the Jabber profile; OAUTHBEARER through the example third-party profile (`acme`), which is how
 * a host adds a token provider. The mechanism is forced by account policy.
 */
export function switchboardPeer(server: BenchServer): Peer {
  const switchboard = Switchboard.create({ modules: [xmppModule, jabberModule, acmeModule] });

  function config(request: LoginRequest): AccountConfig {
    const common = {
      address: `${request.username}@${request.domain}`,
      server: { host: server.host, port: server.port },
      tls: { ca: server.ca },
      mechanisms: [request.mechanism],
      initialPresence: false,
    } as const;
    return request.mechanism === 'OAUTHBEARER'
      ? { ...common, profile: 'acme', credential: { kind: 'oauth2', accessToken: request.secret } }
      : {
          ...common,
          profile: 'jabber',
          credential: { kind: 'password', password: request.secret },
        };
  }

  return {
    id: 'switchboard',
    label: 'Switchboard',
    transport: 'TCP + STARTTLS',
    supports: (mechanism) =>
      ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256', 'OAUTHBEARER'].includes(mechanism),
    async open(request): Promise<PeerSession> {
      const account = switchboard.createAccount(config(request));
      await account.connect();
      return {
        jid: account.address ?? '',
        send: (to, body) => {
          account.sendMessage({ to, body }).catch(() => undefined);
        },
        onMessage: (listener) => account.on('message', (message) => listener(message.body)),
        ping: async () => {
          await account.ping();
        },
        close: () => account.disconnect(),
      };
    },
  };
}
