import { openAccount } from '../connect/openAccount';
import { progress } from '../support/progress';
import type { RunContext } from '../support/RunContext';
import { rosterTable } from './rosterTable';

/** `switchboard roster <account>`: connects without presence and prints the roster. */
export async function rosterList(
  context: RunContext,
  name: string,
  options: { readonly json?: boolean },
): Promise<undefined> {
  const { account } = await openAccount(context, name, {
    defaults: { initialPresence: false, reconnect: false },
  });
  const items = await progress(context, 'Fetching the roster…', account.getRoster());
  await account.disconnect();
  if (options.json === true) {
    context.print(JSON.stringify(items, null, 2));
  } else if (items.length === 0) {
    context.note(`The roster of ${name} is empty.`);
  } else {
    for (const line of rosterTable(items)) context.print(line);
  }
  return undefined;
}
