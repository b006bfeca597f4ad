import {
  type AccountConfig,
  isSwitchboardModule,
  type LoadableModule,
  Switchboard,
} from '@switchboard/core';
import type {
  IrcBenchServer,
  IrcLoginRequest,
  IrcPeer,
  IrcPeerSession,
  IrcPeerUnavailable,
} from './IrcPeer';

/** The plugin and the profile the IRC peer loads, with the export each must have. */
const MODULES = [
  { specifier: '@switchboard/irc', name: 'ircModule' },
  { specifier: '@switchboard/profile-irc', name: 'ircProfileModule' },
] as const;

/**
 * Account settings added to every IRC login of the benchmark, over the profile's defaults. The
 * throughput row compares libraries, not pacing: the server's fakelag is off and irc-framework has
 * no flood control, so the IRC plugin's outbound flood control belongs off here too.
 */
const BENCH_SETTINGS: Partial<AccountConfig> = {};

/** Loads a package by a name the type checker does not resolve (it may not exist yet). */
const importByName = (specifier: string): Promise<Record<string, unknown>> => import(specifier);

/** The IRC plugin and profile modules, or why they cannot be loaded in this build. */
async function loadModules(): Promise<LoadableModule[] | string> {
  const modules: LoadableModule[] = [];
  for (const { specifier, name } of MODULES) {
    const loaded = await importByName(specifier).catch((error: unknown) =>
      error instanceof Error ? error : new Error(String(error)),
    );
    if (loaded instanceof Error) return `${specifier} cannot be imported (${loaded.message})`;
    const module = loaded[name];
    if (!isSwitchboardModule(module)) return `${specifier} has no ${name} export`;
    modules.push(module);
  }
  return modules;
}

/**
 * Switchboard over IRC: the IRC plugin and the `irc` profile, one instance for the whole run, a
 * fresh account per login, direct TLS to ergo trusting its CA, the mechanism forced by account
 * policy. Resolves with {@link IrcPeerUnavailable} (the report shows why) while the build has no
 * IRC plugin module or profile, so the rest of the benchmark still runs.
 */
export async function switchboardIrcPeer(
  server: IrcBenchServer,
): Promise<IrcPeer | IrcPeerUnavailable> {
  const modules = await loadModules();
  if (typeof modules === 'string') return { id: 'switchboard', unavailable: modules };
  const switchboard = Switchboard.create({ modules });

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
