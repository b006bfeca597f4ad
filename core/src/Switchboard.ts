import { Container } from 'inversify';
import { Account } from './accounts/Account';
import type { AccountConfig } from './accounts/AccountConfig';
import { validateAccountConfig } from './accounts/accountConfigSchema';
import { CredentialService } from './credentials/CredentialService';
import { MemoryTokenStore } from './credentials/MemoryTokenStore';
import type { TokenStore } from './credentials/TokenStore';
import type { StanzaLogger } from './debug/StanzaLog';
import { coreModule } from './di/coreModule';
import { ProfilePluginToken, SaslRegistryToken } from './di/tokens';
import { SwitchboardError } from './errors/SwitchboardError';
import { AccountManager } from './host/AccountManager';
import { OAuth2Client } from './oauth/OAuth2Client';
import { importModule, type ModuleImporter } from './plugins/importModule';
import { checkDeclaredProfiles, type LoadableModule, loadModules } from './plugins/loadModules';
import type { OAuth2Descriptor, ProfileDescriptor } from './plugins/ProfileDescriptor';
import type { ProfilePlugin } from './plugins/ProtocolPlugin';
import type { SaslRegistry } from './sasl/SaslRegistry';

/** The host app's OAuth2 client for one profile, with optional endpoint overrides. */
export interface OAuth2Settings extends Partial<OAuth2Descriptor> {
  readonly clientId: string;
  /** Confidential clients only; desktop and CLI apps have none. */
  readonly clientSecret?: string;
}

/** Options for {@link Switchboard.create}. */
export interface SwitchboardOptions {
  /**
   * The plugins and profiles to load, in order (dependencies first), e.g.
   * `[xmppPlugin, jabberProfileModule]`. Declared modules ({@link definePlugin},
   * {@link defineProfile}) are checked first; bare inversify `ContainerModule`s are loaded as they
   * are (tests, inline bindings).
   */
  readonly modules: readonly LoadableModule[];
  /** Where OAuth2 tokens live between runs. Default: in memory. */
  readonly tokenStore?: TokenStore;
  /** Refresh access tokens that expire within this margin before connecting. Default 5 minutes. */
  readonly refreshMarginMs?: number;
  /**
   * The app's OAuth2 client per profile id, e.g. `{ messenger: { clientId } }`. Endpoints and
   * scopes default to the profile's descriptor; any of them can be overridden (tests point them
   * at a local server). Accounts of a profile with a client renew their tokens themselves.
   */
  readonly oauth2?: Readonly<Record<string, OAuth2Settings>>;
  /** Turns on a stanza log for every account, with secrets redacted. Default: off. */
  readonly stanzaLog?: StanzaLogger;
}

/**
 * One Switchboard instance: its own inversify container, SASL registry and profiles.
 * Nothing is global, so several instances can live in one process.
 */
export class Switchboard {
  /** The instance's container; modules and hosts may bind more services into it. */
  readonly container: Container;
  /** Gets, stores and refreshes OAuth2 tokens for this instance's accounts. */
  readonly credentials: CredentialService;
  /** The host's accounts, across profiles, with one event stream. */
  readonly accounts: AccountManager;
  readonly #profiles = new Map<string, ProfilePlugin>();
  readonly #oauth2Settings: Readonly<Record<string, OAuth2Settings>>;
  readonly #oauth2Clients = new Map<string, OAuth2Client>();
  readonly #stanzaLog: StanzaLogger | undefined;

  private constructor(
    container: Container,
    options: SwitchboardOptions,
    declared: ReadonlyMap<string, string>,
  ) {
    this.container = container;
    this.#oauth2Settings = options.oauth2 ?? {};
    this.#stanzaLog = options.stanzaLog;
    this.credentials = new CredentialService(
      options.tokenStore ?? new MemoryTokenStore(),
      options.refreshMarginMs === undefined ? {} : { refreshMarginMs: options.refreshMarginMs },
    );
    this.accounts = new AccountManager((config) => this.createAccount(config));
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
    checkDeclaredProfiles(declared, new Set(this.#profiles.keys()));
  }

  /**
   * Builds a container from the core module plus `modules`, in order. Throws the first load
   * problem as a coded error: SB_MODULE_INVALID, SB_MODULE_DUPLICATE,
   * SB_CORE_VERSION_UNSUPPORTED, SB_DEPENDENCY_MISSING, SB_DUPLICATE_PROFILE or
   * SB_SASL_DUPLICATE_MECHANISM, each naming the module.
   */
  static create(options: SwitchboardOptions): Switchboard {
    const container = new Container({ defaultScope: 'Singleton' });
    container.load(coreModule);
    const declared = loadModules(container, options.modules);
    return new Switchboard(container, options, declared);
  }

  /**
   * Like {@link create}, and modules may also be given by package name: each is imported
   * (its default export, or its one exported SwitchboardModule) before loading.
   * SB_MODULE_NOT_FOUND when a package cannot be imported.
   */
  static async load(
    options: Omit<SwitchboardOptions, 'modules'> & {
      readonly modules: ReadonlyArray<LoadableModule | string>;
      /**
       * Imports a package by name. Pass `(name) => import(name)` from the host so packages
       * resolve from the host's dependencies (needed with pnpm); default: core's own import.
       */
      readonly importModule?: ModuleImporter;
    },
  ): Promise<Switchboard> {
    const { importModule: importer, ...rest } = options;
    const modules = await Promise.all(
      options.modules.map((m) => (typeof m === 'string' ? importModule(m, importer) : m)),
    );
    return Switchboard.create({ ...rest, modules });
  }

  /** The SASL registry of this instance. */
  get registry(): SaslRegistry {
    return this.container.get(SaslRegistryToken);
  }

  /** What `JSON.stringify` shows: the loaded profiles' ids and the accounts; no secret. */
  toJSON(): { profiles: string[]; accounts: AccountManager } {
    return { profiles: [...this.#profiles.keys()], accounts: this.accounts };
  }

  /** Descriptors of every loaded profile. */
  profiles(): ProfileDescriptor[] {
    return [...this.#profiles.values()].map((p) => p.profile);
  }

  /**
   * Creates an (offline) account on the profile its config names, after validating the config
   * (SB_CONFIG_INVALID names the field). Hosts that run many accounts use {@link accounts}.
   */
  createAccount(config: AccountConfig): Account {
    validateAccountConfig(config);
    const plugin = this.#plugin(config.profile);
    plugin.checkAddress?.(config.address, 'address');
    const refresher = this.oauth2Client(config.profile);
    return new Account(config, plugin, {
      credentials: this.credentials,
      ...(refresher === undefined ? {} : { refresher }),
      ...(this.#stanzaLog === undefined ? {} : { stanzaLog: this.#stanzaLog }),
    });
  }

  /**
   * Throws SB_PROFILE_UNKNOWN, or SB_ADDRESS_INVALID naming `field`, unless `address` is a valid
   * address on the profile's protocol (for XMPP, a JID after RFC 7622). For checking user input
   * before an account exists; an account has `checkAddress` too.
   */
  checkAddress(profile: string, address: string, field = 'address'): void {
    this.#plugin(profile).checkAddress?.(address, field);
  }

  #plugin(profile: string): ProfilePlugin {
    const plugin = this.#profiles.get(profile);
    if (plugin === undefined) {
      throw new SwitchboardError(
        'SB_PROFILE_UNKNOWN',
        `No loaded profile has id "${profile}". Loaded: ${[...this.#profiles.keys()].join(', ') || 'none'}.`,
        { details: { profile } },
      );
    }
    return plugin;
  }

  /**
   * The OAuth2 client of a profile: its descriptor merged with `options.oauth2[profileId]`.
   * Undefined when the profile has no OAuth2 descriptor or the host configured no client id.
   */
  oauth2Client(profileId: string): OAuth2Client | undefined {
    const cached = this.#oauth2Clients.get(profileId);
    if (cached !== undefined) return cached;
    const settings = this.#oauth2Settings[profileId];
    const descriptor = this.#profiles.get(profileId)?.profile.oauth2;
    if (settings === undefined) return undefined;
    const authorizationEndpoint =
      settings.authorizationEndpoint ?? descriptor?.authorizationEndpoint;
    const tokenEndpoint = settings.tokenEndpoint ?? descriptor?.tokenEndpoint;
    if (authorizationEndpoint === undefined || tokenEndpoint === undefined) {
      throw new SwitchboardError(
        'SB_CONFIG_INVALID',
        `Profile "${profileId}" has no OAuth2 endpoints; give authorizationEndpoint and tokenEndpoint in options.oauth2.${profileId}.`,
        { details: { field: `oauth2.${profileId}` } },
      );
    }
    const redirectUri = settings.redirectUri ?? descriptor?.redirectUri;
    const authorizeParameters = settings.authorizeParameters ?? descriptor?.authorizeParameters;
    const client = new OAuth2Client({
      clientId: settings.clientId,
      ...(settings.clientSecret === undefined ? {} : { clientSecret: settings.clientSecret }),
      authorizationEndpoint,
      tokenEndpoint,
      scopes: settings.scopes ?? descriptor?.scopes ?? [],
      ...(redirectUri === undefined ? {} : { redirectUri }),
      ...(authorizeParameters === undefined ? {} : { authorizeParameters }),
    });
    this.#oauth2Clients.set(profileId, client);
    return client;
  }
}
