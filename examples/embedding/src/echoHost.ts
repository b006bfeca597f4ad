/**
 * A minimal host app: loads the profiles by package name, adds every configured account,
 * connects them all, reports what happens per account, and answers each message with an echo.
 */
import { type AccountConfig, Switchboard, SwitchboardError } from '@switchboard/core';

/** The profiles this host offers. */
export const HOST_MODULES = [
  '@switchboard/xmpp',
  '@switchboard/profile-jabber',
  '@switchboard/profile-messenger',
];

export interface EchoHostOptions {
  /** Account configurations, e.g. read from a file. Invalid ones are reported and skipped. */
  readonly accounts: readonly unknown[];
  /** Where the host reports; default `console.log`. */
  readonly log?: (line: string) => void;
}

export interface EchoHost {
  readonly switchboard: Switchboard;
  /** Waits for pending sends (up to 2 s), then disconnects every account. */
  stop(): Promise<void>;
}

/** Starts the host; resolves once every valid account was tried. */
export async function startEchoHost(options: EchoHostOptions): Promise<EchoHost> {
  const log = options.log ?? console.log;
  // The host imports the packages itself, so they resolve from its own dependencies.
  const switchboard = await Switchboard.load({
    modules: HOST_MODULES,
    importModule: (name) => import(name),
  });
  const { accounts } = switchboard;
  accounts.on('state', (account, change) =>
    log(`${account.id}: ${change.to}${change.error ? ` (${change.error.code})` : ''}`),
  );
  accounts.on('message', (account, message) => {
    log(`${account.id} <- ${message.from}: ${message.body}`);
    account
      .sendMessage({ to: message.from, body: `echo: ${message.body}` })
      .catch((error: unknown) => log(`${account.id}: echo failed (${String(error)})`));
  });
  for (const config of options.accounts) {
    try {
      accounts.add(config as AccountConfig);
    } catch (error) {
      if (!SwitchboardError.is(error)) throw error;
      log(`skipped an account: ${error.code}: ${error.message}`);
    }
  }
  const { failed } = await accounts.connectAll();
  for (const { account, error } of failed) log(`${account}: ${error.code}: ${error.hint}`);
  return {
    switchboard,
    stop: async () => {
      await accounts.shutdown({ timeoutMs: 2_000 });
    },
  };
}
