import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CliError } from '../support/CliError';
import { ExitCode } from '../support/ExitCode';

/**
 * Writes the config file atomically (a temporary file renamed over it), readable by its owner
 * only, creating its folder (0700) when needed. It holds no secrets, but names and servers are
 * nobody else's business either.
 */
export async function saveConfig(
  file: string,
  raw: Readonly<Record<string, unknown>>,
): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(temp, `${JSON.stringify(raw, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new CliError(ExitCode.usage, `Cannot write the config file ${file}.`, {
      cause: error,
      hint: 'Check that you may write to its folder, or use another file with --config <file>.',
    });
  }
}
