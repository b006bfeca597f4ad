/**
 * core's type declarations, with inversify's and eventemitter3's inlined: core's build carries
 * both, so a host needs neither package, and the declarations resolve under every TypeScript
 * module resolution (inversify's own declarations only resolve under node16 and bundler).
 * Node's built-in modules stay imports (a host has @types/node).
 */
import { builtinModules } from 'node:module';
import { dts } from 'rollup-plugin-dts';

const input = { index: 'src/index.ts', node: 'src/node.ts', transport: 'src/transport.ts' };
const external = [/^node:/, ...builtinModules.map((name) => new RegExp(`^${name}(/|$)`))];
const plugins = [
  dts({
    tsconfig: 'tsconfig.json',
    respectExternal: true,
    compilerOptions: { paths: {}, declarationMap: false, preserveSymlinks: false },
  }),
];

export default [
  {
    input,
    external,
    plugins,
    output: { dir: 'dist', entryFileNames: '[name].d.ts', chunkFileNames: 'chunk-[hash].d.ts' },
  },
  {
    input,
    external,
    plugins,
    output: { dir: 'dist', entryFileNames: '[name].d.cts', chunkFileNames: 'chunk-[hash].d.cts' },
  },
];
