/**
 * Shared pieces of the delivery tests: a Prosody with alice, bob and carol, accounts that go
 * through a wire tap (to see what crossed the socket), and waiting for account events.
 */
import {
  type Account,
  type AccountConfig,
  type AccountEvents,
  Switchboard,
} from '@switchboard/core';
import { type ProsodyServer, startWireTap, type WireTap } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { jabberModule } from '../jabberModule';

export const DOMAIN = 'delivery.test';
export const USERS = ['alice', 'bob', 'carol'].map((username) => ({
  username,
  password: `${username}-pw`,
}));

/** An online account, connected through its own wire tap, with its stanza log. */
export interface TappedAccount {
  readonly account: Account;
  readonly tap: WireTap;
  /** What the account received, as text (after TLS; SASL payloads redacted). */
  received(): string;
  /** What the account sent, as text. */
  sentText(): string;
}

/** Opens accounts on `server`; `close()` disconnects them and closes their taps. */
export class DeliveryKit {
  readonly #logs = new Map<string, { in: string[]; out: string[] }>();
  readonly #switchboard = Switchboard.create({
    modules: [xmppModule, jabberModule],
    stanzaLog: ({ account, direction, text }) => this.#logs.get(account)?.[direction].push(text),
  });
  readonly #open: TappedAccount[] = [];

  constructor(private readonly server: () => ProsodyServer) {}

  async online(user: string, extra: Partial<AccountConfig> = {}): Promise<TappedAccount> {
    const server = this.server();
    const tap = await startWireTap({ targetHost: server.host, targetPort: server.port });
    let account: Account;
    const id = `${user}-${Math.random().toString(36).slice(2)}`;
    const log = { in: [] as string[], out: [] as string[] };
    this.#logs.set(id, log);
    try {
      account = this.#switchboard.createAccount({
        id,
        profile: 'jabber',
        address: `${user}@${DOMAIN}`,
        credential: { kind: 'password', password: `${user}-pw` },
        server: { host: server.host, port: tap.port },
        tls: { ca: server.ca, servername: DOMAIN },
        reconnect: { initialDelayMs: 50, maxDelayMs: 500 },
        timeoutMs: 5_000,
        ...extra,
      });
    } catch (error) {
      await tap.close();
      throw error;
    }
    const entry = {
      account,
      tap,
      received: () => log.in.join(''),
      sentText: () => log.out.join(''),
    };
    this.#open.push(entry);
    await account.connect();
    return entry;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.#open.splice(0).map(async ({ account, tap }) => {
        await account.disconnect();
        await tap.close();
      }),
    );
  }
}

/** Resolves with the next `event` of `account` that `match` accepts; rejects after `ms`. */
export function nextEvent<E extends keyof AccountEvents>(
  account: Account,
  event: E,
  match: (...args: Parameters<AccountEvents[E]>) => boolean = () => true,
  ms = 5_000,
): Promise<Parameters<AccountEvents[E]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      account.off(event, listener as never);
      reject(new Error(`no ${String(event)} within ${ms} ms`));
    }, ms);
    const listener = (...args: Parameters<AccountEvents[E]>): void => {
      if (!match(...args)) return;
      clearTimeout(timer);
      account.off(event, listener as never);
      resolve(args);
    };
    account.on(event, listener as never);
  });
}

/** Every `event` of `account` from now on. */
export function collect<E extends keyof AccountEvents>(
  account: Account,
  event: E,
): Array<Parameters<AccountEvents[E]>[0]> {
  const seen: Array<Parameters<AccountEvents[E]>[0]> = [];
  account.on(event, ((first: Parameters<AccountEvents[E]>[0]) => seen.push(first)) as never);
  return seen;
}

export const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
