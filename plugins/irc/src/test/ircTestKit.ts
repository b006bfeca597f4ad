/**
 * Test helpers: a Switchboard with the IRC plugin bound as the `irc` profile, and accounts on a
 * test ergo.
 */
import {
  type Account,
  type AccountConfig,
  ContainerModule,
  type InboundMessage,
  ProfilePluginToken,
  type StanzaLogger,
  Switchboard,
} from '@switchboard/core';
import type { ErgoServer } from '@switchboard/testing';
import { IrcPlugin } from '../IrcPlugin';
import { ircModule } from '../ircModule';

/** A Switchboard with the base IRC plugin as profile `irc` (and `stanzaLog` when given). */
export function ircSwitchboard(stanzaLog?: StanzaLogger): Switchboard {
  const profile = new ContainerModule(({ bind }) => {
    bind(ProfilePluginToken).to(IrcPlugin).inSingletonScope();
  });
  return Switchboard.create({
    modules: [ircModule, profile],
    ...(stanzaLog === undefined ? {} : { stanzaLog }),
  });
}

/** The configuration of an account on `server` (TLS, its CA, no flood control). */
export function ergoAccount(
  server: ErgoServer,
  nick: string,
  password: string,
  extra: Partial<AccountConfig> = {},
): AccountConfig {
  return {
    profile: 'irc',
    address: `${nick}@${server.host}`,
    credential: { kind: 'password', password },
    server: { port: server.tlsPort, tls: 'direct' },
    tls: { ca: server.ca },
    parameters: { flood: 'off' },
    reconnect: false,
    ...extra,
  };
}

/** Resolves with the next `count` messages `account` receives. */
export function nextMessages(account: Account, count: number): Promise<InboundMessage[]> {
  return new Promise((resolve) => {
    const got: InboundMessage[] = [];
    const listener = (message: InboundMessage): void => {
      got.push(message);
      if (got.length === count) {
        account.off('message', listener);
        resolve(got);
      }
    };
    account.on('message', listener);
  });
}
