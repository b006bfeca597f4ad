import { defineConfig } from 'tsup';
import { packageBuild } from '../tsup.base';

// shims: the ESM build gets a `__dirname` (from import.meta.url) for `luaModulesDir`.
export default defineConfig(packageBuild({ shims: true }));
