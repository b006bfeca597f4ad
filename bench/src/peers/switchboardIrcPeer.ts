import { type AccountConfig, Switchboard } from '@switchboard/core';
import { ircModule } from '@switchboard/irc';
import { ircProfileModule } from '@switchboard/profile-irc';
import type {
  IrcBenchServer,
  IrcLoginRequest,
  IrcPeer,
  IrcPeerSession,
  IrcPeerUnavailable,
} from './IrcPeer';

/**
 * Account settings added to every IRC login of the benchmark, over the profile's defaults. The
 * throughput row compares libraries, not pacing: the server's fakelag is off and irc-framework has
 * no flood control, so the IRC plugin's outbound flood control is off here too.
 */
const BENCH_SETTINGS: Partial<AccountConfig> = { parameters: { flood: 'off' } };

/**
 * Switchboard over IRC: the IRC plugin and the `irc` profile, one instance for the whole run, a
 * fresh account per login, direct TLS to ergo trusting its CA, the mechanism forced by account
 * policy.
 */
export async function switchboardIrcPeer(
  server: IrcBenchServer,
): Promise<IrcPeer | IrcPeerUnavailable> {
  const switchboard = Switchboard.create({ modules: [ircModule, ircProfileModule] });

  const config = (request: IrcLoginRequest): AccountConfig => ({
    profile: 'irc',
    address: `${request.account}@${server.host}`,
    credential: { kind: 'password', password: request.password },
    server: { host: server.host, port: server.tlsPort, tls: 'direct' },
    tls: { ca: server.ca },
    mechanisms: [request.mechanism],
    initialPresence: false,
    reconnect: false,
    ...BENCH_SETTINGS,
  });

  return {
    id: 'switchboard',
    label: 'Switchboard',
    supports: (mechanism) => mechanism === 'PLAIN' || mechanism === 'SCRAM-SHA-256',
    async open(request): Promise<IrcPeerSession> {
      const account = switchboard.createAccount(config(request));
      await account.connect();
      return {
        send: (nick, body) => {
          account.sendMessage({ to: nick, body }).catch(() => undefined);
        },
        onMessage: (listener) => account.on('message', (message) => listener(message.body)),
        close: () => account.disconnect(),
      };
    },
  };
}
