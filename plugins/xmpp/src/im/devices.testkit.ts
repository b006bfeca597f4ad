/**
 * Shared setup of the other-devices and delivery suites (`carbons.int.spec.ts`,
 * `receipts.int.spec.ts`): XmppPlugin as the `xmpp` profile on a real Prosody, accounts that
 * record their events, a stanza log, and a raw sender (an extension) that can put any
 * `<message/>` on the wire, forged carbons included.
 */
import {
  type Account,
  type AccountConfig,
  type AccountEvents,
  ContainerModule,
  ProfilePluginToken,
  type StanzaLogEntry,
  Switchboard,
} from '@switchboard/core';
import type { ProsodyServer } from '@switchboard/testing';
import { defineXmppExtension, type XmppExtensionContext } from '../extensions/XmppExtension';
import { XmppPlugin } from '../XmppPlugin';
import { xmppModule } from '../xmppModule';

/** The events the suites count. */
type Recorded = 'message' | 'ownMessage' | 'delivery' | 'error' | 'chatState';
type Payload<K extends Recorded> = Parameters<AccountEvents[K]>[0];
const RECORDED: readonly Recorded[] = ['message', 'ownMessage', 'delivery', 'error', 'chatState'];

/** An account that records its events from creation on, so no wait can miss one. */
export class RecordedAccount {
  readonly account: Account;
  readonly #seen = new Map<Recorded, unknown[]>(RECORDED.map((n) => [n, []]));
  readonly #wakers = new Set<() => void>();

  constructor(account: Account) {
    this.account = account;
    for (const name of RECORDED) {
      account.on(name, ((payload: unknown) => {
        this.#seen.get(name)?.push(payload);
        for (const wake of this.#wakers) wake();
      }) as never);
    }
  }

  /** Every `name` event so far, in order. */
  all<K extends Recorded>(name: K): Payload<K>[] {
    return (this.#seen.get(name) ?? []) as Payload<K>[];
  }

  /** The first `name` event `match` accepts, so far or within 10 s. */
  async waitFor<K extends Recorded>(
    name: K,
    match: (payload: Payload<K>) => boolean,
    what: string,
  ): Promise<Payload<K>> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = this.all(name).find(match);
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.account.id} got no ${what}.`);
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.#wakers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.#wakers.add(done);
      });
    }
  }

  /** How many `name` events carry `body`. */
  count(name: 'message' | 'ownMessage', body: string): number {
    return this.all(name).filter((m) => m.body === body).length;
  }
}

/** A raw sender: an extension whose context the test uses to send any stanza. */
export function rawSender(): {
  extension: ReturnType<typeof defineXmppExtension>;
  context: () => XmppExtensionContext;
} {
  let context: XmppExtensionContext | undefined;
  const extension = defineXmppExtension({
    name: 'raw-sender',
    attach: (c) => {
      context = c;
      return undefined;
    },
  });
  return {
    extension,
    context: () => {
      if (context === undefined) throw new Error('not attached');
      return context;
    },
  };
}

/** One suite's accounts on `server()`, each recorded and logged; close them with `closeAll`. */
export class DeviceSuite {
  readonly log: StanzaLogEntry[] = [];
  readonly #open: Account[] = [];
  readonly #switchboard: Switchboard;
  readonly #server: () => ProsodyServer;
  readonly #domain: string;
  #made = 0;

  constructor(server: () => ProsodyServer, domain: string) {
    this.#server = server;
    this.#domain = domain;
    this.#switchboard = Switchboard.create({
      modules: [
        xmppModule,
        new ContainerModule(({ bind }) => {
          bind(ProfilePluginToken).to(XmppPlugin).inSingletonScope();
        }),
      ],
      stanzaLog: (entry) => this.log.push(entry),
    });
  }

  /** `user`'s account (password `<user>-pw`) with `extra` settings, online. */
  async online(user: string, extra: Partial<AccountConfig> = {}): Promise<RecordedAccount> {
    const server = this.#server();
    const account = this.#switchboard.createAccount({
      id: `${user}-${++this.#made}`,
      profile: 'xmpp',
      address: `${user}@${this.#domain}`,
      credential: { kind: 'password', password: `${user}-pw` },
      server: { host: server.host, port: server.port },
      tls: { ca: server.ca },
      reconnect: false,
      liveness: false,
      ...extra,
    });
    const recorded = new RecordedAccount(account);
    this.#open.push(account);
    await account.connect();
    return recorded;
  }

  /** What `account` sent (`out`) or received (`in`), from the stanza log. */
  logged(account: Account, direction: 'in' | 'out'): string[] {
    return this.log
      .filter((e) => e.account === account.id && e.direction === direction)
      .map((e) => e.text);
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.#open.splice(0).map((a) => a.disconnect()));
  }
}
