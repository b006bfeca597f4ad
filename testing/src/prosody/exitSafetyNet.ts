import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

const children = new Set<ChildProcess>();
const dirs = new Set<string>();
let installed = false;

function cleanUp(): void {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', cleanUp);
}

/**
 * Makes sure `child` does not outlive this process: if the test run exits (even after a crash)
 * without stopping it, it gets SIGKILL synchronously from a process `exit` hook.
 */
export function killOnExit(child: ChildProcess): void {
  install();
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/**
 * Removes `dir` synchronously when this process exits, unless {@link keepOnExit} was called.
 * A second call with the same directory has no further effect.
 */
export function removeOnExit(dir: string): void {
  install();
  dirs.add(dir);
}

/** Forgets a directory given to {@link removeOnExit} (it was removed already). */
export function keepOnExit(dir: string): void {
  dirs.delete(dir);
}
