import { acmeModule } from '@acme/switchboard-profile-acme';
import { type Account, type AccountConfig, Switchboard } from '@switchboard/core';
import { jabberModule } from '@switchboard/profile-jabber';
import { xmppModule } from '@switchboard/xmpp';
import type { BenchServer, LoginRequest, Peer, PeerSession } from './Peer';

const SUPPORTED = [
  'PLAIN',
  'SCRAM-SHA-1',
  'SCRAM-SHA-256',
  'SCRAM-SHA-256-PLUS',
  'OAUTHBEARER',
  'FAST',
];

/**
 * Switchboard: a fresh account per login, so nothing is remembered (no FAST token, no SCRAM
 * keys); a reconnect (`request.reconnect`) connects the same account again, as an application
 * does after a lost connection. Passwords go through the Jabber profile; OAUTHBEARER through the
 * example third-party profile (`acme`), which is how a host adds a token provider. The mechanism
 * is forced by account policy; a SCRAM mechanism named without `-PLUS` runs on an instance with
 * the `-PLUS` variants disabled (otherwise the registry prefers the channel-bound twin). `FAST`
 * leaves the choice to the account: its best password mechanism asks for a token, the token's
 * HT mechanism logs in from then on.
 */
export function switchboardPeer(server: BenchServer): Peer {
  const modules = [xmppModule, jabberModule, acmeModule];
  const switchboard = Switchboard.create({ modules });
  const unbound = Switchboard.create({ modules });
  for (const plus of ['SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256-PLUS', 'SCRAM-SHA-512-PLUS']) {
    if (unbound.registry.get(plus) !== undefined) unbound.registry.disable(plus);
  }
  const kept = new Map<string, Account>();
  let made = 0;

  function config(request: LoginRequest, id: string): AccountConfig {
    const common = {
      id,
      address: `${request.username}@${request.domain}`,
      server: {
        host: server.host,
        port: request.port ?? server.port,
        ...(request.directTls === true ? { tls: 'direct' as const } : {}),
      },
      tls: { ca: server.ca, servername: request.domain },
      ...(request.mechanism === 'FAST' ? {} : { mechanisms: [request.mechanism] }),
      ...(request.reconnect === 'password' ? { parameters: { fast: 'off' } } : {}),
      initialPresence: false,
      reconnect: false,
    } as const;
    return request.mechanism === 'OAUTHBEARER'
      ? { ...common, profile: 'acme', credential: { kind: 'oauth2', accessToken: request.secret } }
      : {
          ...common,
          profile: 'jabber',
          credential: { kind: 'password', password: request.secret },
        };
  }

  function account(request: LoginRequest): { account: Account; mechanism: () => string } {
    const key = JSON.stringify([
      request.username,
      request.mechanism,
      request.port,
      request.reconnect,
    ]);
    const instance = /^SCRAM-SHA-\d+$/.test(request.mechanism) ? unbound : switchboard;
    let used = '';
    const existing = request.reconnect === undefined ? undefined : kept.get(key);
    const chosen = existing ?? instance.createAccount(config(request, `bench-${++made}`));
    if (request.reconnect !== undefined) kept.set(key, chosen);
    const listener = (mechanism: string): void => {
      used = mechanism;
    };
    chosen.on('mechanism', listener);
    return {
      account: chosen,
      mechanism: () => {
        chosen.off('mechanism', listener);
        return used;
      },
    };
  }

  return {
    id: 'switchboard',
    label: 'Switchboard',
    transport: 'TCP + STARTTLS',
    supports: (mechanism) => SUPPORTED.includes(mechanism),
    async open(request): Promise<PeerSession> {
      const { account: acct, mechanism } = account(request);
      await acct.connect();
      return {
        jid: acct.address ?? '',
        mechanism: mechanism(),
        send: (to, body) => {
          acct.sendMessage({ to, body }).catch(() => undefined);
        },
        onMessage: (listener) => acct.on('message', (message) => listener(message.body)),
        ping: async () => {
          await acct.ping();
        },
        close: () => acct.disconnect(),
      };
    },
  };
}
