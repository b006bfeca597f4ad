import { builtinModules } from 'node:module';
import type { Options } from 'tsup';
import { writeThirdPartyNotices } from './scripts/packages/thirdPartyNotices';

/**
 * Shared tsup settings: every package ships ESM + CJS + type declarations from `src/index.ts`.
 * Workspace packages and npm dependencies stay external; declarations are built without the
 * workspace `paths` so they reference sibling packages by name. A package that bundles
 * third-party code (`noExternal`) ships its licences in `dist/THIRD_PARTY_LICENSES.md`.
 */
export function packageBuild(overrides: Options = {}): Options {
  const { esbuildPlugins = [], ...rest } = overrides;
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
    ...rest,
    esbuildPlugins: [...esbuildPlugins, withoutKeepNames],
  };
}

/**
 * Turns esbuild's `keepNames` off again after tsup's decorator-metadata (SWC) step turned it on.
 * With it, every arrow function created at run time is wrapped in `__name(fn, 'x')`, which gives
 * each closure its own property store: about 256 bytes each, some 40 per account (the session
 * sink's callbacks and the like), that is about 10 KiB of heap per idle account. Class names stay
 * (SWC's `keepClassNames`), and nothing is minified, so functions keep their names anyway.
 */
const withoutKeepNames: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'without-keep-names',
  setup(build) {
    build.initialOptions.keepNames = false;
  },
};

const builtins = new RegExp(`^(node:)?(${builtinModules.join('|')})$`);

/**
 * An esbuild plugin for packages that carry CommonJS code in their output: a `require` of a
 * Node built-in is served by `process.getBuiltinModule` (Node 20.16+) when it runs, so nothing
 * is loaded before it is used, and a host's ES module bundle needs no `createRequire` banner.
 */
export const builtinsOnDemand: NonNullable<Options['esbuildPlugins']>[number] = {
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
};
