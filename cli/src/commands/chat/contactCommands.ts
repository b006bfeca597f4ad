/**
 * The chat's commands about contacts and presence subscriptions (RFC 6121 §2 roster, §3
 * subscriptions): `/add`, `/remove`, `/approve`, `/deny`.
 */
import { type Account, SwitchboardError } from '@switchboard/core';

/** What the contact commands use of an account. */
export type ContactAccount = Pick<
  Account,
  'addContact' | 'removeContact' | 'subscribe' | 'approveSubscription' | 'denySubscription'
>;

interface ContactCommand {
  run(account: ContactAccount, address: string): Promise<unknown>;
  /** What to print once it is done. */
  done(address: string): string;
  /** "Could not … x". */
  verb: string;
}

const COMMANDS: Readonly<Record<string, ContactCommand>> = {
  '/add': {
    run: async (account, address) => {
      await account.addContact({ address });
      await account.subscribe(address);
    },
    done: (address) => `(added ${address}; asked to see their presence)`,
    verb: 'add',
  },
  '/remove': {
    run: (account, address) => account.removeContact(address),
    done: (address) => `(removed ${address})`,
    verb: 'remove',
  },
  '/approve': {
    run: (account, address) => account.approveSubscription(address),
    done: (address) => `(${address} can see your presence now)`,
    verb: 'approve',
  },
  '/deny': {
    run: (account, address) => account.denySubscription(address),
    done: (address) => `(refused the request of ${address})`,
    verb: 'refuse the request of',
  },
};

/**
 * When `command` is a contact command: what runs it on `address` and resolves with the line to
 * print (what happened, or `! Could not …: why`). Undefined when it is not one of them.
 */
export function contactCommand(
  account: ContactAccount,
  command: string,
  address: string,
): (() => Promise<string>) | undefined {
  const found = COMMANDS[command];
  if (found === undefined) return undefined;
  if (address === '' || /\s/.test(address)) {
    return async () => `Usage: ${command} <address>, e.g. ${command} bob@example.org`;
  }
  return () =>
    found.run(account, address).then(
      () => found.done(address),
      (error: unknown) => {
        const why = SwitchboardError.is(error) ? error.message : String(error);
        return `! Could not ${found.verb} ${address}: ${why}`;
      },
    );
}
