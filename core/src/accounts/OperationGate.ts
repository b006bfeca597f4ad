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

/** What the gate reads of its account. */
export interface GatedAccount {
  readonly id: string;
  readonly state: AccountState;
  readonly config: AccountConfig;
  readonly profile: ProfileDescriptor;
  readonly capabilities: CapabilitySet;
}

/**
 * The checks an account operation passes before anything is sent: the account is online, and
 * the provider allows the operation (unless the account turned enforcement off); a server that
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

  /** Online check, capability check (before anything is sent), and refusal mapping. */
  async guard<T>(
    capability: Capability,
    operation: string,
    run: (session: ProtocolSession) => Promise<T>,
  ): Promise<T> {
    const session = this.online(operation);
    this.require(capability);
    try {
      return await run(session);
    } catch (error) {
      throw asRefusal(error, this.#account.profile, capability);
    }
  }

  get #enforced(): boolean {
    return this.#account.config.enforceCapabilities !== false;
  }
}
