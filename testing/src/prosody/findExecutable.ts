import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/**
 * Resolves a command as `spawn` would: a name containing `/` is checked as a path, a bare name is
 * looked up in `PATH` (read now, so a test may point it elsewhere). Undefined if not found.
 */
export async function findExecutable(
  command: string,
  path: string = process.env.PATH ?? '',
): Promise<string | undefined> {
  if (command.includes('/')) return (await isExecutable(command)) ? command : undefined;
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}
