import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

/** One entry of the token table file, as the Prosody modules read it. */
export interface TokenEntry {
  /** The local part of the JID the token logs in as. */
  readonly user: string;
  /** The virtual host the token is valid on. */
  readonly host: string;
  /** Unix time in seconds after which the token is refused; `null` never expires. */
  readonly expires: number | null;
  /** SASL mechanisms the token is valid for; absent or empty means any. */
  readonly mechanisms?: readonly string[];
}

/**
 * Writes the token table as JSON to `file` atomically: into a temporary file in the same folder,
 * then renamed over `file`, so the server never reads half a table.
 */
export async function writeTokenTable(
  file: string,
  entries: Readonly<Record<string, TokenEntry>>,
): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
