import { Container, type ContainerModule } from 'inversify';
import { Account } from './accounts/Account';
import type { AccountConfig } from './accounts/AccountConfig';
import { coreModule } from './di/coreModule';
import { ProfilePluginToken, SaslRegistryToken } from './di/tokens';
import { SwitchboardError } from './errors/SwitchboardError';
import type { ProfileDescriptor } from './plugins/ProfileDescriptor';
import type { ProfilePlugin } from './plugins/ProtocolPlugin';
import type { SaslRegistry } from './sasl/SaslRegistry';

/** Options for {@link Switchboard.create}. */
export interface SwitchboardOptions {
  /** Container modules of the plugins and profiles to load, e.g. `[xmppModule, jabberModule]`. */
  readonly modules: readonly ContainerModule[];
}

/**
 * One Switchboard instance: its own inversify container, SASL registry and profiles.
 * Nothing is global, so several instances can live in one process.
 */
export class Switchboard {
  /** The instance's container; modules and hosts may bind more services into it. */
  readonly container: Container;
  readonly #profiles = new Map<string, ProfilePlugin>();

  private constructor(container: Container) {
    this.container = container;
    for (const plugin of container.getAll(ProfilePluginToken, { optional: true })) {
      const { id } = plugin.profile;
      if (this.#profiles.has(id)) {
        throw new SwitchboardError(
          'SB_DUPLICATE_PROFILE',
          `Two loaded modules define profile "${id}".`,
          {
            details: { profile: id },
          },
        );
      }
      this.#profiles.set(id, plugin);
    }
  }

  /** Builds a container from the core module plus `modules`, in order. */
  static create(options: SwitchboardOptions): Switchboard {
    const container = new Container({ defaultScope: 'Singleton' });
    container.load(coreModule, ...options.modules);
    return new Switchboard(container);
  }

  /** The SASL registry of this instance. */
  get registry(): SaslRegistry {
    return this.container.get(SaslRegistryToken);
  }

  /** Descriptors of every loaded profile. */
  profiles(): ProfileDescriptor[] {
    return [...this.#profiles.values()].map((p) => p.profile);
  }

  /** Creates an (offline) account on the profile its config names. */
  createAccount(config: AccountConfig): Account {
    const plugin = this.#profiles.get(config.profile);
    if (plugin === undefined) {
      throw new SwitchboardError(
        'SB_PROFILE_UNKNOWN',
        `No loaded profile has id "${config.profile}". Loaded: ${[...this.#profiles.keys()].join(', ') || 'none'}.`,
        { details: { profile: config.profile } },
      );
    }
    return new Account(config, plugin);
  }
}
