import { forEachLimit } from './forEachLimit';
import type { UserPlan } from './planUsers';
import { registerUser } from './registerUser';
import { writeAccounts } from './writeAccounts';

/** `prosodyctl` runs at once: each is a Lua process of ~30 ms CPU. */
const PARALLEL_PROSODYCTL = 8;

/**
 * Registers the users of a {@link UserPlan}: writes the account files into `dataDir` and runs
 * `prosodyctl register` for the rest, 8 at a time. Both finish before a failure is thrown, so
 * nothing still writes into a directory the caller then removes.
 */
export async function registerUsers(
  prosodyctl: string,
  configFile: string,
  dataDir: string,
  plan: UserPlan,
): Promise<void> {
  const settled = await Promise.allSettled([
    writeAccounts(dataDir, plan.files),
    forEachLimit(plan.prosodyctl, PARALLEL_PROSODYCTL, (u) =>
      registerUser(prosodyctl, configFile, u.domain, u.username, u.password),
    ),
  ]);
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
}
