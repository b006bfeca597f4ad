import type { Command } from 'commander';

/** Adds `demo` to the program. */
export function registerDemo(_program: Command): void {}
