import { builtinModules } from 'node:module';
import { defineConfig } from 'tsup';
import { packageBuild } from '../tsup.base';

const builtins = new RegExp(`^(node:)?(${builtinModules.join('|')})$`);

/**
 * SASLprep is built into this package's output (one file instead of a dependency tree: a shorter
 * cold start). `@mongodb-js/saslprep` is CommonJS, loaded on first use, and `require`s `zlib`:
 * that `require` is served by `process.getBuiltinModule` (Node 20.16+), so nothing is loaded
 * before it is used and a host's ESM bundle needs no `createRequire` banner.
 */
export default defineConfig(
  packageBuild({
    noExternal: ['@mongodb-js/saslprep'],
    esbuildPlugins: [
      {
        name: 'builtins-on-demand',
        setup(build) {
          build.onResolve({ filter: builtins }, (args) =>
            args.kind === 'require-call' ? { path: args.path, namespace: 'builtin' } : undefined,
          );
          build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
            contents: `module.exports = process.getBuiltinModule('node:${args.path.replace(/^node:/, '')}');`,
            loader: 'js',
          }));
        },
      },
    ],
  }),
);
