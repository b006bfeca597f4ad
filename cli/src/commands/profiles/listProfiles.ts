import { createSwitchboard } from '../connect/createSwitchboard';
import type { RunContext } from '../support/RunContext';
import { profilesJson, profileTables } from './describeProfiles';

/** `switchboard profiles`: the installed profiles as tables, or JSON. */
export async function listProfiles(
  context: RunContext,
  options: { readonly json?: boolean },
): Promise<undefined> {
  const profiles = createSwitchboard(context, undefined).profiles();
  if (options.json === true) context.print(JSON.stringify(profilesJson(profiles), null, 2));
  else for (const line of profileTables(profiles)) context.print(line);
  return undefined;
}
