/**
 * Loads modules into a container in order, checking each manifest first: shape, duplicate
 * names, the core version range, dependencies, duplicate profile ids and duplicate mechanism
 * names. The first problem stops loading with a coded error naming the module.
 */
import type { Container, ContainerModule } from 'inversify';
import satisfies from 'semver/functions/satisfies.js';
import valid from 'semver/functions/valid.js';
import validRange from 'semver/ranges/valid.js';
import { MechanismRegistrationToken } from '../di/tokens';
import { SwitchboardError } from '../errors/SwitchboardError';
import { CORE_VERSION } from '../version';
import { isSwitchboardModule, type SwitchboardModule } from './SwitchboardModule';

/** What `Switchboard.create` accepts: declared modules, or bare container modules (tests, inline). */
export type LoadableModule = SwitchboardModule | ContainerModule;

interface Loaded {
  readonly modules: Set<string>;
  readonly profiles: Map<string, string>;
  /** Mechanism name → the module that registered it first, and the definition it registered. */
  readonly mechanisms: Map<string, { readonly module: string; readonly definition: object }>;
}

function invalid(module: string, field: string, rule: string): SwitchboardError {
  return new SwitchboardError(
    'SB_MODULE_INVALID',
    `Module "${module}" has an invalid manifest: ${field} ${rule}.`,
    { details: { module, field } },
  );
}

function isContainerModule(value: unknown): value is ContainerModule {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { load?: unknown }).load === 'function'
  );
}

function checkManifest(module: SwitchboardModule, loaded: Loaded): void {
  const { name } = module;
  if (typeof name !== 'string' || name === '') throw invalid(String(name), 'name', 'must be set');
  if (valid(module.version) === null) throw invalid(name, 'version', 'must be semver');
  if (validRange(module.core) === null) {
    throw invalid(name, 'core', 'must be a semver range');
  }
  if (!isContainerModule(module.bindings)) {
    throw invalid(name, 'bindings', 'must be an inversify ContainerModule');
  }
  if (loaded.modules.has(name)) {
    throw new SwitchboardError('SB_MODULE_DUPLICATE', `Module "${name}" is loaded twice.`, {
      details: { module: name },
    });
  }
  if (!satisfies(CORE_VERSION, module.core, { includePrerelease: true })) {
    throw new SwitchboardError(
      'SB_CORE_VERSION_UNSUPPORTED',
      `Module "${name}" needs @switchboard/core ${module.core}; this is ${CORE_VERSION}.`,
      { details: { module: name, requires: module.core, core: CORE_VERSION } },
    );
  }
  for (const dependency of module.dependencies ?? []) {
    if (!loaded.modules.has(dependency)) {
      throw new SwitchboardError(
        'SB_DEPENDENCY_MISSING',
        `Module "${name}" needs "${dependency}" loaded before it.`,
        { details: { module: name, missing: dependency, loaded: [...loaded.modules] } },
      );
    }
  }
  for (const profile of module.profiles) {
    const previous = loaded.profiles.get(profile.id);
    if (previous !== undefined) {
      throw new SwitchboardError(
        'SB_DUPLICATE_PROFILE',
        `Modules "${previous}" and "${name}" both define profile "${profile.id}".`,
        { details: { profile: profile.id, module: name, previous } },
      );
    }
  }
}

/**
 * Mechanisms the module just bound: a name taken earlier by another definition needs
 * `override: true`. The same definition from two modules (e.g. the XMPP and IRC plugins both
 * contributing `@switchboard/sasl`'s SCRAM) is one mechanism, registered once.
 */
function checkMechanisms(container: Container, name: string, loaded: Loaded, before: number): void {
  const registrations = container.getAll(MechanismRegistrationToken, { optional: true });
  for (const { mechanism, override } of registrations.slice(before)) {
    const previous = loaded.mechanisms.get(mechanism.name);
    if (previous?.definition === mechanism) continue;
    if (previous !== undefined && override !== true) {
      throw new SwitchboardError(
        'SB_SASL_DUPLICATE_MECHANISM',
        `Modules "${previous.module}" and "${name}" both register SASL mechanism ${mechanism.name}; the later one must pass override: true.`,
        { details: { mechanism: mechanism.name, module: name, previous: previous.module } },
      );
    }
    loaded.mechanisms.set(mechanism.name, { module: name, definition: mechanism });
  }
}

/**
 * Loads `modules` into `container` in order; throws the first problem as a coded error.
 * Returns which module declared each profile id, so the bound profiles can be checked against it.
 */
export function loadModules(
  container: Container,
  modules: readonly LoadableModule[],
): ReadonlyMap<string, string> {
  const loaded: Loaded = { modules: new Set(), profiles: new Map(), mechanisms: new Map() };
  modules.forEach((module, index) => {
    const before = container.getAll(MechanismRegistrationToken, { optional: true }).length;
    if (isSwitchboardModule(module)) {
      checkManifest(module, loaded);
      container.load(module.bindings);
      loaded.modules.add(module.name);
      for (const profile of module.profiles) loaded.profiles.set(profile.id, module.name);
      checkMechanisms(container, module.name, loaded, before);
    } else if (isContainerModule(module)) {
      container.load(module);
      checkMechanisms(container, `(module #${index + 1})`, loaded, before);
    } else {
      throw invalid(
        `(module #${index + 1})`,
        'module',
        'is neither a SwitchboardModule nor a ContainerModule',
      );
    }
  });
  return loaded.profiles;
}

/** Every profile a manifest declared must have been bound by its module. */
export function checkDeclaredProfiles(
  declared: ReadonlyMap<string, string>,
  bound: ReadonlySet<string>,
): void {
  for (const [profile, module] of declared) {
    if (!bound.has(profile)) {
      throw invalid(module, 'profiles', `declares profile "${profile}" but binds no plugin for it`);
    }
  }
}
