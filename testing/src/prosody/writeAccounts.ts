import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SwitchboardError } from '@switchboard/core';
import { forEachLimit } from './forEachLimit';
import type { InternalAccount } from './internalAccount';

/** File writes in flight at once (libuv runs 4 file system calls at a time by default). */
const PARALLEL_WRITES = 32;

const failed = (what: string, path: string, cause: unknown): SwitchboardError =>
  new SwitchboardError(
    'SB_PROSODY_FAILED',
    `Could not write ${what}; check the disk and the permissions of ${dirname(path)}.`,
    { cause, details: { file: path } },
  );

/**
 * Writes account files into `dataDir` as Prosody's datamanager does: each to `FILE~` first, then
 * renamed over `FILE`, so a login never reads half a file. Files are 0600, folders 0750.
 *
 * @throws SwitchboardError `SB_PROSODY_FAILED` naming the folder or account that failed.
 */
export async function writeAccounts(
  dataDir: string,
  accounts: readonly InternalAccount[],
): Promise<void> {
  const folders = new Set(accounts.map((a) => dirname(join(dataDir, a.file))));
  for (const folder of folders) {
    await mkdir(folder, { recursive: true, mode: 0o750 }).catch((cause: unknown) => {
      throw failed(`the accounts folder ${folder}`, folder, cause);
    });
  }
  await forEachLimit(accounts, PARALLEL_WRITES, async (account) => {
    const file = join(dataDir, account.file);
    try {
      await writeFile(`${file}~`, account.text, { mode: 0o600 });
      await rename(`${file}~`, file);
    } catch (cause) {
      throw failed(`the account file of ${account.username}@${account.domain}`, file, cause);
    }
  });
}
