import { openAccount } from '../connect/openAccount';
import { progress } from '../support/progress';
import type { RunContext } from '../support/RunContext';

/**
 * `switchboard ping`: connects without presence, pings the server (or `address`), prints
 * `pong from <where> in <n> ms` and disconnects. A protocol that cannot ping `address` fails
 * with its SB_CAPABILITY_UNSUPPORTED (exit 5) before sending anything.
 */
export async function pingOnce(
  context: RunContext,
  name: string,
  address: string | undefined,
): Promise<undefined> {
  const { account, entry, profile } = await openAccount(context, name, {
    defaults: { initialPresence: false, reconnect: false },
  });
  const domain = entry.settings.address.slice(entry.settings.address.lastIndexOf('@') + 1);
  const where = address ?? entry.settings.server?.host ?? profile.server.host ?? domain;
  const ms = await progress(context, `Pinging ${where}…`, account.ping(address));
  await account.disconnect();
  context.print(`pong from ${where} in ${ms} ms`);
  return undefined;
}
