import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

/**
 * The xmpp.js parts this plugin uses are built into its output (one file instead of dozens of
 * small modules: a shorter cold start, and nothing for a host to install or bundle). xmpp.js
 * imports ltx's CommonJS build (`ltx/lib/*`); its ES module sources (`ltx/src/*`) are the same
 * code and let Node's built-ins stay ES imports, so the output needs no `require` shim.
 * koa-compose (CommonJS, one file) and the lazily loaded saslprep stay dependencies.
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
    ],
  }),
);
