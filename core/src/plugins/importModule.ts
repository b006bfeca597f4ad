import { SwitchboardError } from '../errors/SwitchboardError';
import { isSwitchboardModule, type SwitchboardModule } from './SwitchboardModule';

/** Imports a package by name, resolved from wherever the function is written. */
export type ModuleImporter = (name: string) => Promise<unknown>;

/**
 * Imports a module by package name: its default export if that is a SwitchboardModule, else its
 * only exported one. SB_MODULE_NOT_FOUND when the import fails, SB_MODULE_INVALID when the
 * package exports none (or several without a default).
 *
 * `importer` defaults to core's own `import()`, which resolves from core's location: enough with
 * a flat `node_modules` (npm), not with pnpm's strict layout. Hosts pass
 * `(name) => import(name)` so packages resolve from the host.
 */
export async function importModule(
  name: string,
  importer: ModuleImporter = (n) => import(n),
): Promise<SwitchboardModule> {
  let namespace: Record<string, unknown>;
  try {
    namespace = (await importer(name)) as Record<string, unknown>;
  } catch (cause) {
    throw new SwitchboardError('SB_MODULE_NOT_FOUND', `Cannot import module "${name}".`, {
      cause,
      details: { module: name },
    });
  }
  if (isSwitchboardModule(namespace.default)) return namespace.default;
  const found = Object.values(namespace).filter(isSwitchboardModule);
  const [only] = found;
  if (found.length === 1 && only !== undefined) return only;
  throw new SwitchboardError(
    'SB_MODULE_INVALID',
    found.length === 0
      ? `Package "${name}" exports no SwitchboardModule (definePlugin/defineProfile).`
      : `Package "${name}" exports ${found.length} SwitchboardModules and no default; export the one to load as default.`,
    { details: { module: name, field: 'exports' } },
  );
}
