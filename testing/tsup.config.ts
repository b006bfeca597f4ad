import { defineConfig } from 'tsup';
import { packageBuild } from '../tsup.base';

// shims: the ESM build gets a `__dirname` (from import.meta.url) for `luaModulesDir`.
// property.ts is its own entry (`@switchboard/testing/property`): only it loads fast-check.
export default defineConfig(
  packageBuild({ entry: ['src/index.ts', 'src/property.ts'], shims: true }),
);
