import { defineConfig } from 'tsup';
import { builtinsOnDemand, packageBuild } from '../tsup.base';

/**
 * SASLprep is built into this package's output (one file instead of a dependency tree: a shorter
 * cold start). `@mongodb-js/saslprep` is CommonJS, loaded on first use, and `require`s `zlib`:
 * that `require` is served by `process.getBuiltinModule` (Node 20.16+), so nothing is loaded
 * before it is used and a host's ESM bundle needs no `createRequire` banner.
 */
export default defineConfig(
  packageBuild({
    noExternal: ['@mongodb-js/saslprep'],
    esbuildPlugins: [builtinsOnDemand],
  }),
);
