import { defineConfig } from 'tsup';
import { builtinsOnDemand, packageBuild } from '../../tsup.base';

/**
 * The xmpp.js parts are built into this plugin's output (one file instead of
 * dozens of small modules: a shorter cold start, and nothing CommonJS left that `require`s a
 * Node built-in, so a host's ESM bundle needs no `createRequire` banner):
 * - xmpp.js imports ltx's CommonJS build (`ltx/lib/*`); ltx's ES module sources (`ltx/src/*`)
 *   are the same code and import Node's built-ins as ES modules;
 * - a CommonJS `require` of a Node built-in is served by `process.getBuiltinModule` (Node 20.16+),
 *   so nothing is loaded before it is used.
 * koa-compose (CommonJS, one file, no built-ins) and `@switchboard/sasl` (the mechanisms, with
 * SASLprep inside) stay dependencies.
 */
export default defineConfig(
  packageBuild({
    noExternal: [/^@xmpp\//, /^ltx(\/|$)/],
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
      builtinsOnDemand,
    ],
  }),
);
