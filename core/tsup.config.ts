import { defineConfig } from 'tsup';
import { packageBuild } from '../tsup.base';

/**
 * inversify (with its @inversifyjs parts) and core's other runtime dependencies are built into
 * core's output: one file instead of about 400 modules, which were most of a cold start. Plugins
 * and profiles import the DI API from `@switchboard/core`, so exactly one copy of the container
 * code loads. reflect-metadata keeps its one global registry however many copies load. The
 * declarations are built by rollup.dts.config.mjs, with inversify's and eventemitter3's inlined.
 */
const bundled = [
  /^inversify$/,
  /^@inversifyjs\//,
  /^reflect-metadata(\/|$)/,
  /^semver(\/|$)/,
  'valibot',
  'oauth4webapi',
  'eventemitter3',
];

export default defineConfig(
  packageBuild({
    entry: ['src/index.ts', 'src/node.ts', 'src/transport.ts'],
    noExternal: bundled,
    dts: false,
  }),
);
