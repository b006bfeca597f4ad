import { openAccount } from '../connect/openAccount';
import { progress } from '../support/progress';
import type { RunContext } from '../support/RunContext';

/** The options of `switchboard roster add`. */
export interface RosterAddOptions {
  readonly name?: string;
  readonly group?: readonly string[];
  /** `--no-subscribe` turns it off. */
  readonly subscribe: boolean;
}

/**
 * `switchboard roster add <account> <address>`: adds the contact (or updates its name and
 * groups) and, unless `--no-subscribe`, asks to see its presence (RFC 6121 §2.3, §3.1).
 */
export async function rosterAdd(
  context: RunContext,
  name: string,
  address: string,
  options: RosterAddOptions,
): Promise<undefined> {
  const { account } = await openAccount(context, name, {
    defaults: { initialPresence: false, reconnect: false },
  });
  await progress(
    context,
    `Adding ${address}…`,
    account.addContact({
      address,
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.group === undefined ? {} : { groups: options.group }),
    }),
  );
  if (options.subscribe) await account.subscribe(address);
  // The server answers requests in order: once this is answered, it has taken the subscription.
  await account.getRoster();
  await account.disconnect();
  context.note(
    options.subscribe
      ? `Added ${address} to the roster of ${name} and asked to see their presence.`
      : `Added ${address} to the roster of ${name}.`,
  );
  return undefined;
}

/**
 * `switchboard roster remove <account> <address>`: removes the contact; the server cancels the
 * subscriptions both ways (RFC 6121 §2.5).
 */
export async function rosterRemove(
  context: RunContext,
  name: string,
  address: string,
): Promise<undefined> {
  const { account } = await openAccount(context, name, {
    defaults: { initialPresence: false, reconnect: false },
  });
  await progress(context, `Removing ${address}…`, account.removeContact(address));
  await account.disconnect();
  context.note(`Removed ${address} from the roster of ${name}.`);
  return undefined;
}
