import { defineConfig } from 'tsup';
import { packageBuild } from '../tsup.base';

// An executable, not a library: ESM only, no declarations, a shebang on bin.js. Split into
// chunks so each command's body (and the packages it imports) loads only when it runs.
export default defineConfig(
  packageBuild({
    entry: ['src/bin.ts'],
    format: ['esm'],
    dts: false,
    splitting: true,
    banner: { js: '#!/usr/bin/env node' },
  }),
);
