import { resolve } from 'node:path';

/** The workspace root, where `pnpm docs:generate` writes and the snippet test reads. */
export const repoRoot = resolve(__dirname, '../..');
