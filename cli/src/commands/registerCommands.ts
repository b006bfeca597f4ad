import type { Command } from 'commander';

/** Adds `profiles`, `login`, `send`, `roster` and `chat` to the program. */
export function registerCommands(_program: Command): void {}
