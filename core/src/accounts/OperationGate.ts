import type { Capability, CapabilitySet } from '../capabilities/CapabilitySet';
import {
  asRefusal,
  requireCapability,
  requireMessageType,
} from '../capabilities/requireCapability';
import { SwitchboardError } from '../errors/SwitchboardError';
import type { MessageType } from '../im/types';
import type { ProfileDescriptor } from '../plugins/ProfileDescriptor';
import type { ProtocolSession } from '../plugins/ProtocolPlugin';
import type { AccountConfig } from './AccountConfig';
import type { AccountState } from './AccountState';

/** The session methods a plugin may leave out; the operations that need one are refused then. */
export type OptionalSessionMethod =
  | 'getRoster'
  | 'subscribe'
  | 'approveSubscription'
  | 'denySubscription'
  | 'cancelSubscription'
  | 'unsubscribe'
  | 'setContact'
  | 'removeContact'
  | 'getVCard'
  | 'setVCard'
  | 'sendChatState'
  | 'ping'
  | 'serverFeatures'
  | 'watch'
  | 'unwatch'
  | 'joinRoom'
  | 'leaveRoom'
  | 'setTopic'
  | 'invite'
  | 'history'
  | 'markRead';

type SessionMethod<M extends OptionalSessionMethod> = NonNullable<ProtocolSession[M]>;
type SessionResult<M extends OptionalSessionMethod> = Awaited<ReturnType<SessionMethod<M>>>;

/** What the gate reads of its account. */
export interface GatedAccount {
  readonly id: string;
  readonly state: AccountState;
  readonly config: AccountConfig;
  readonly profile: ProfileDescriptor;
  readonly capabilities: CapabilitySet;
}

/**
 * The checks an account operation passes before anything is sent: the account is online, the
 * provider allows the operation (unless the account turned enforcement off), and the session has
 * the method it needs (always: without one there is nothing to send it with); a server that
 * refuses it anyway gets its answer mapped to SB_CAPABILITY_REFUSED.
 */
export class OperationGate {
  readonly #account: GatedAccount;
  readonly #session: () => ProtocolSession | undefined;

  constructor(account: GatedAccount, session: () => ProtocolSession | undefined) {
    this.#account = account;
    this.#session = session;
  }

  /** The online session; SB_ACCOUNT_STATE (naming `operation`) otherwise. */
  online(operation: string): ProtocolSession {
    const { state, id } = this.#account;
    const session = this.#session();
    if (state !== 'online' || session === undefined) {
      throw new SwitchboardError(
        'SB_ACCOUNT_STATE',
        `${operation} needs the account to be online; it is ${state}. Call connect() first.`,
        { details: { operation, state, account: id } },
      );
    }
    return session;
  }

  /** SB_CAPABILITY_UNSUPPORTED unless the provider allows `capability`. */
  require(capability: Capability): void {
    if (!this.#enforced) return;
    requireCapability(this.#account.profile, this.#account.capabilities, capability);
  }

  /** SB_CAPABILITY_UNSUPPORTED unless the provider delivers messages of `type`. */
  requireMessageType(type: MessageType): void {
    if (!this.#enforced) return;
    requireMessageType(this.#account.profile, this.#account.capabilities, type);
  }

  /**
   * Runs `operation` on the online session's `method` with `args`: online check, capability
   * check, method check (all before anything is sent), and refusal mapping.
   */
  async call<M extends OptionalSessionMethod>(
    capability: Capability,
    operation: string,
    method: M,
    ...args: Parameters<SessionMethod<M>>
  ): Promise<SessionResult<M>> {
    const session = this.online(operation);
    this.require(capability);
    const run = this.method(session, method, operation, capability);
    try {
      return await run(...args);
    } catch (error) {
      throw asRefusal(error, this.#account.profile, capability);
    }
  }

  /**
   * `session`'s `method`, bound to it; SB_CAPABILITY_UNSUPPORTED naming `operation`, `method`
   * and `capability` when the session has none, whatever the enforcement setting.
   */
  method<M extends OptionalSessionMethod>(
    session: ProtocolSession,
    method: M,
    operation: string,
    capability?: Capability,
  ): (...args: Parameters<SessionMethod<M>>) => Promise<SessionResult<M>> {
    const found: unknown = session[method];
    if (typeof found !== 'function') {
      const { id, name, protocol } = this.#account.profile;
      throw new SwitchboardError(
        'SB_CAPABILITY_UNSUPPORTED',
        `${name} sessions cannot ${operation} (the ${protocol} plugin has no ${method}); nothing was sent.`,
        {
          details: {
            profile: id,
            operation,
            method,
            ...(capability === undefined ? {} : { capability }),
          },
        },
      );
    }
    return (...args) =>
      (found as (...a: unknown[]) => Promise<SessionResult<M>>).apply(session, args);
  }

  get #enforced(): boolean {
    return this.#account.config.enforceCapabilities !== false;
  }
}
