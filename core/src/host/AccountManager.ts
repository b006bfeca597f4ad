import { EventEmitter } from 'eventemitter3';
import type { Account } from '../accounts/Account';
import type { AccountConfig } from '../accounts/AccountConfig';
import { SwitchboardError } from '../errors/SwitchboardError';
import { type AccountManagerEvents, FORWARDED_EVENTS } from './AccountManagerEvents';

/** How `connectAll` went: which accounts are online, which failed and why. */
export interface ConnectAllResult {
  readonly online: readonly string[];
  readonly failed: ReadonlyArray<{ readonly account: string; readonly error: SwitchboardError }>;
}

/** How a shutdown went. */
export interface ShutdownResult {
  /**
   * Messages not sent or not confirmed when the deadline came (counted before the accounts
   * disconnected, which gives the server one more chance to confirm them; what stays
   * unconfirmed is rejected with SB_SEND_ABANDONED).
   */
  readonly abandoned: number;
}

interface Entry {
  readonly account: Account;
  readonly detach: () => void;
}

/**
 * The accounts of one Switchboard, across profiles: add and remove them, connect or disconnect
 * them all, shut down gracefully, and listen to every account's events in one place.
 */
export class AccountManager extends EventEmitter<AccountManagerEvents> {
  readonly #create: (config: AccountConfig) => Account;
  readonly #entries = new Map<string, Entry>();

  /** Usually reached as `switchboard.accounts`; `create` builds (and validates) one account. */
  constructor(create: (config: AccountConfig) => Account) {
    super();
    this.#create = create;
  }

  /**
   * Validates `config` and adds an offline account. Throws SB_CONFIG_INVALID (naming the field),
   * SB_PROFILE_UNKNOWN, or SB_ACCOUNT_DUPLICATE when the id is taken.
   */
  add(config: AccountConfig): Account {
    const account = this.#create(config);
    if (this.#entries.has(account.id)) {
      throw new SwitchboardError(
        'SB_ACCOUNT_DUPLICATE',
        `An account with id "${account.id}" already exists.`,
        { details: { account: account.id } },
      );
    }
    const listeners = FORWARDED_EVENTS.map((event) => {
      const listener = (...args: unknown[]): void => {
        (this.emit as (event: string, ...rest: unknown[]) => boolean)(event, account, ...args);
      };
      account.on(event, listener as never);
      return () => account.off(event, listener as never);
    });
    this.#entries.set(account.id, {
      account,
      detach: () => {
        for (const off of listeners) off();
      },
    });
    this.emit('added', account);
    return account;
  }

  /** What `JSON.stringify` shows: each account's id, profile, address and state. */
  toJSON(): { accounts: Account[] } {
    return { accounts: this.list() };
  }

  /** The account with this id, if any. */
  get(id: string): Account | undefined {
    return this.#entries.get(id)?.account;
  }

  /** Every account, in the order they were added. */
  list(): Account[] {
    return [...this.#entries.values()].map((e) => e.account);
  }

  /** Disconnects and removes an account; SB_ACCOUNT_UNKNOWN when there is none with this id. */
  async remove(id: string): Promise<void> {
    const entry = this.#entries.get(id);
    if (entry === undefined) {
      throw new SwitchboardError('SB_ACCOUNT_UNKNOWN', `No account has id "${id}".`, {
        details: { account: id },
      });
    }
    this.#entries.delete(id);
    await entry.account.disconnect();
    entry.detach();
    this.emit('removed', entry.account);
  }

  /** Connects every account at once; never rejects, reports each failure instead. */
  async connectAll(): Promise<ConnectAllResult> {
    const accounts = this.list();
    const outcomes = await Promise.allSettled(accounts.map((a) => a.connect()));
    const online: string[] = [];
    const failed: Array<{ account: string; error: SwitchboardError }> = [];
    outcomes.forEach((outcome, i) => {
      const id = accounts[i]?.id ?? '';
      if (outcome.status === 'fulfilled') online.push(id);
      else {
        const error = SwitchboardError.is(outcome.reason)
          ? outcome.reason
          : new SwitchboardError('SB_CONNECTION_FAILED', undefined, { cause: outcome.reason });
        failed.push({ account: id, error });
      }
    });
    return { online, failed };
  }

  /** Disconnects every account (they stay in the manager). */
  async disconnectAll(): Promise<void> {
    await Promise.all(this.list().map((a) => a.disconnect()));
  }

  /**
   * Waits up to `timeoutMs` (default 5,000) for every message to settle (sent and confirmed, or
   * rejected), then disconnects every account. What is still unsettled then is rejected with
   * SB_SEND_ABANDONED and counted in the result.
   */
  async shutdown(options: { readonly timeoutMs?: number } = {}): Promise<ShutdownResult> {
    const accounts = this.list();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, options.timeoutMs ?? 5_000);
    });
    await Promise.race([Promise.all(accounts.map((a) => a.whenIdle())), deadline]);
    clearTimeout(timer);
    const abandoned = accounts.reduce(
      (sum, a) => sum + a.queuedMessages + a.unconfirmedMessages,
      0,
    );
    await this.disconnectAll();
    return { abandoned };
  }
}
