/**
 * Accounts on a Prosody 13 with SASL2, each with the stanza log and the `mechanism` events it
 * produced, for the SASL2, Bind2, FAST and channel binding tests.
 */
import {
  type Account,
  type AccountConfig,
  type LoginFraming,
  type SelectionTraceEntry,
  Switchboard,
  type TokenStore,
} from '@switchboard/core';
import type { ProsodyServer } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { jabberModule } from '../jabberModule';

export const DOMAIN = 'sasl2.test';
export const USERS = [
  { username: 'alice', password: 'alice-pw' },
  { username: 'bob', password: 'bob-pw' },
];

/** One `mechanism` event. */
export interface Selection {
  readonly mechanism: string;
  readonly trace: readonly SelectionTraceEntry[];
  readonly framing: LoginFraming | undefined;
}

/** An account and what it logged and chose. */
export interface Logged {
  readonly account: Account;
  readonly out: () => string[];
  readonly in: () => string[];
  readonly selections: Selection[];
}

/** Makes accounts on one server, and disconnects them all with {@link closeAll}. */
export class Sasl2Suite {
  readonly #log: { account: string; direction: 'in' | 'out'; text: string }[] = [];
  readonly #accounts: Account[] = [];
  readonly switchboard: Switchboard;
  #made = 0;

  /** `tokenStore`: where accounts keep their login memory (FAST token, user-agent id). */
  constructor(
    private readonly server: () => ProsodyServer,
    tokenStore?: TokenStore,
  ) {
    this.switchboard = Switchboard.create({
      modules: [xmppModule, jabberModule],
      stanzaLog: ({ account, direction, text }) => this.#log.push({ account, direction, text }),
      ...(tokenStore === undefined ? {} : { tokenStore }),
    });
  }

  account(user: 'alice' | 'bob', extra: Partial<AccountConfig> = {}): Logged {
    const server = this.server();
    const account = this.switchboard.createAccount({
      id: `${user}-${++this.#made}`,
      profile: 'jabber',
      address: `${user}@${DOMAIN}`,
      credential: { kind: 'password', password: `${user}-pw` },
      server: { host: server.host, port: server.port },
      tls: { ca: server.ca, servername: DOMAIN },
      reconnect: false,
      liveness: false,
      timeoutMs: 5_000,
      ...extra,
    });
    this.#accounts.push(account);
    const selections: Selection[] = [];
    account.on('mechanism', (mechanism, trace, framing) =>
      selections.push({ mechanism, trace, framing }),
    );
    const texts = (direction: 'in' | 'out') => () =>
      this.#log
        .filter((e) => e.account === account.id && e.direction === direction)
        .map((e) => e.text);
    return { account, out: texts('out'), in: texts('in'), selections };
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.#accounts.splice(0).map((a) => a.disconnect()));
  }
}

/** Waits until `test` holds (polling); throws naming `what` after `ms`. */
export async function until(test: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
