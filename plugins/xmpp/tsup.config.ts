import { builtinModules } from 'node:module';
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

const builtins = new RegExp(`^(node:)?(${builtinModules.join('|')})$`);

/**
 * The xmpp.js parts and SASLprep are built into this plugin's output (one file instead of
 * dozens of small modules: a shorter cold start, and nothing CommonJS left that `require`s a
 * Node built-in, so a host's ESM bundle needs no `createRequire` banner):
 * - xmpp.js imports ltx's CommonJS build (`ltx/lib/*`); ltx's ES module sources (`ltx/src/*`)
 *   are the same code and import Node's built-ins as ES modules;
 * - `@mongodb-js/saslprep` (CommonJS, loaded on first use) `require`s `zlib`: that `require` is
 *   served by `process.getBuiltinModule` (Node 20.16+), so nothing is loaded before it is used.
 * koa-compose (CommonJS, one file, no built-ins) stays a dependency.
 */
export default defineConfig(
  packageBuild({
    noExternal: [/^@xmpp\//, /^ltx(\/|$)/, '@mongodb-js/saslprep'],
    esbuildPlugins: [
      {
        name: 'ltx-sources',
        setup(build) {
          build.onResolve({ filter: /^ltx\/lib\// }, (args) =>
            build.resolve(args.path.replace(/^ltx\/lib\//, 'ltx/src/'), {
              kind: args.kind,
              resolveDir: args.resolveDir,
            }),
          );
        },
      },
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
