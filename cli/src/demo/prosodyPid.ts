import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The pid of a test Prosody, from the pidfile in its directory (`prosody.pid`, written once it
 * has started); undefined when there is none within `waitMs`.
 */
export async function prosodyPid(dir: string, waitMs = 2_000): Promise<number | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const text = await readFile(join(dir, 'prosody.pid'), 'utf8').catch(() => '');
    const pid = Number.parseInt(text.trim(), 10);
    if (Number.isInteger(pid) && pid > 0) return pid;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** True while a process with this pid exists. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
