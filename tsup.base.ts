import type { Options } from 'tsup';
import { writeThirdPartyNotices } from './scripts/packages/thirdPartyNotices';

/**
 * Shared tsup settings: every package ships ESM + CJS + type declarations from `src/index.ts`.
 * Workspace packages and npm dependencies stay external; declarations are built without the
 * workspace `paths` so they reference sibling packages by name. A package that bundles
 * third-party code (`noExternal`) ships its licences in `dist/THIRD_PARTY_LICENSES.md`.
 */
export function packageBuild(overrides: Options = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { paths: {} } },
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: false,
    treeshake: true,
    onSuccess: async () => writeThirdPartyNotices(process.cwd()),
    ...overrides,
  };
}
