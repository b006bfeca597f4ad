import type { ContainerModule } from 'inversify';
import type { ProfileDescriptor } from './ProfileDescriptor';

/** What a module says about itself; checked when a Switchboard loads it. */
export interface ModuleManifest {
  /** A stable unique name, usually the npm package name, e.g. `'@switchboard/profile-jabber'`. */
  readonly name: string;
  /** The module's own version (semver). */
  readonly version: string;
  /** The versions of `@switchboard/core` it works with, as a semver range, e.g. `'^0.1.0'`. */
  readonly core: string;
  /** Names of modules that must be loaded before this one (e.g. `'@switchboard/xmpp'`). */
  readonly dependencies?: readonly string[];
  /** Its inversify bindings: mechanisms, profile plugins, services. */
  readonly bindings: ContainerModule;
}

/** A profile module also lists the profiles it binds, so they are known before anything is built. */
export interface ProfileModuleManifest extends ModuleManifest {
  readonly profiles: readonly ProfileDescriptor[];
}

const BRAND = Symbol.for('@switchboard/core/SwitchboardModule');

/** A module that {@link Switchboard} can load: a plugin (protocol, mechanisms) or a profile set. */
export interface SwitchboardModule extends ModuleManifest {
  readonly kind: 'plugin' | 'profile';
  /** The profiles this module binds; empty for plugins. */
  readonly profiles: readonly ProfileDescriptor[];
  readonly [BRAND]: true;
}

/** Declares a plugin module (a protocol, SASL mechanisms, shared services). */
export function definePlugin(manifest: ModuleManifest): SwitchboardModule {
  return Object.freeze({ ...manifest, kind: 'plugin', profiles: [], [BRAND]: true as const });
}

/** Declares a profile module: one or more profiles and what they need. */
export function defineProfile(manifest: ProfileModuleManifest): SwitchboardModule {
  return Object.freeze({ ...manifest, kind: 'profile', [BRAND]: true as const });
}

/** Whether `value` was made by {@link definePlugin} or {@link defineProfile}. */
export function isSwitchboardModule(value: unknown): value is SwitchboardModule {
  return typeof value === 'object' && value !== null && BRAND in value;
}
