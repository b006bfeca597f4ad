/**
 * Shared pieces of the fault tests: two accounts on one Prosody, a sender that numbers its
 * messages, and a receiver that counts what reached the host (lost, duplicated, out of order).
 */
import {
  type Account,
  type AccountConfig,
  type ReconnectedInfo,
  Switchboard,
} from '@switchboard/core';
import type { ProsodyServer, WireTap } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { jabberModule } from '../jabberModule';

export const DOMAIN = 'faults.test';
export const USERS = [
  { username: 'alice', password: 'alice-pw' },
  { username: 'bob', password: 'bob-pw' },
];

/** Fast settings so a test sees several reconnects in seconds. */
export const QUICK: Partial<AccountConfig> = {
  reconnect: { initialDelayMs: 50, maxDelayMs: 500, jitter: 0.5 },
  timeoutMs: 3_000,
};

export function makeAccount(
  switchboard: Switchboard,
  server: ProsodyServer,
  user: 'alice' | 'bob',
  extra: Partial<AccountConfig> = {},
): Account {
  return switchboard.createAccount({
    id: `${user}-${Math.random().toString(36).slice(2)}`,
    profile: 'jabber',
    address: `${user}@${DOMAIN}`,
    credential: { kind: 'password', password: `${user}-pw` },
    server: { host: server.host, port: server.port },
    tls: { ca: server.ca, servername: DOMAIN },
    ...QUICK,
    ...extra,
  });
}

export function newSwitchboard(): Switchboard {
  return Switchboard.create({ modules: [xmppModule, jabberModule] });
}

/**
 * Alice connected through `tap` (so a test can cut her link) and bob straight to `server`, both
 * online; both are pushed to `accounts` first, for the caller to disconnect.
 */
export async function connectAliceViaTap(
  server: ProsodyServer,
  tap: WireTap,
  accounts: Account[],
): Promise<{ alice: Account; bob: Account }> {
  return connectPair(server, accounts, {
    alice: { server: { host: server.host, port: tap.port } },
  });
}

/**
 * Alice and bob on `server`, each with its own settings over {@link QUICK} (e.g. `server` to go
 * through a proxy, `liveness`), both online; both are pushed to `accounts` first, for the caller
 * to disconnect.
 */
export async function connectPair(
  server: ProsodyServer,
  accounts: Account[],
  extra: { alice?: Partial<AccountConfig>; bob?: Partial<AccountConfig> } = {},
): Promise<{ alice: Account; bob: Account }> {
  const switchboard = newSwitchboard();
  const alice = makeAccount(switchboard, server, 'alice', extra.alice);
  const bob = makeAccount(switchboard, server, 'bob', extra.bob);
  accounts.push(alice, bob);
  await Promise.all([alice.connect(), bob.connect()]);
  return { alice, bob };
}

/** What one account received, by message body. */
export class Tally {
  readonly bodies: string[] = [];
  constructor(account: Account, prefix: string) {
    account.on('message', (m) => {
      if (m.body.startsWith(prefix)) this.bodies.push(m.body);
    });
  }

  /** Resolves once `count` distinct bodies arrived; rejects after `ms`. */
  async waitFor(count: number, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (new Set(this.bodies).size < count) {
      if (Date.now() > deadline) {
        throw new Error(`only ${new Set(this.bodies).size} of ${count} messages within ${ms} ms`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Sent bodies that never arrived, and bodies that arrived more than once. */
  report(sent: readonly string[]): { lost: string[]; duplicated: string[] } {
    const seen = new Map<string, number>();
    for (const b of this.bodies) seen.set(b, (seen.get(b) ?? 0) + 1);
    return {
      lost: sent.filter((b) => !seen.has(b)),
      duplicated: [...seen].filter(([, n]) => n > 1).map(([b]) => b),
    };
  }
}

/** Collects `reconnected` events. */
export function reconnects(account: Account): ReconnectedInfo[] {
  const seen: ReconnectedInfo[] = [];
  account.on('reconnected', (info) => seen.push(info));
  return seen;
}

/** Waits until the account is online (polling its state). */
export async function untilOnline(account: Account, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (account.state !== 'online') {
    if (Date.now() > deadline) throw new Error(`still ${account.state} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
