import { defineConfig } from 'tsup';
import { packageBuild } from '../tsup.base';

// An executable, not a library: ESM only, no declarations, a shebang on bin.js.
export default defineConfig(
  packageBuild({
    entry: ['src/bin.ts'],
    format: ['esm'],
    dts: false,
    banner: { js: '#!/usr/bin/env node' },
  }),
);
