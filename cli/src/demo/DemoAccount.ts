import type { Account } from '@switchboard/core';
import type { AccountLog } from './AccountLog';
import type { CastMember } from './cast';

/** What the summary table reports for one account; filled in as the demo goes. */
export interface DemoStats {
  /** The SASL mechanism of the first login. */
  mechanism?: string;
  sent: number;
  received: number;
  /** Bare addresses this account has seen available. */
  readonly sees: Set<string>;
  /** How many accounts it exchanged presence with. */
  presencePeers: number;
  typingSent: number;
  typingSeen: number;
  /** What the capability refusal said, for the account that was refused. */
  refusal?: string;
  /** How the token refresh went, for the account whose token expired. */
  refresh?: string;
}

/** One signed-in account of the demo, with its event log and its figures. */
export interface DemoAccount {
  readonly member: CastMember;
  readonly account: Account;
  readonly log: AccountLog;
  readonly stats: DemoStats;
}

/** A new, empty {@link DemoStats}. */
export function emptyStats(): DemoStats {
  return { sent: 0, received: 0, sees: new Set(), presencePeers: 0, typingSent: 0, typingSeen: 0 };
}

/** The bare form of an address (`user@domain` without `/resource`). */
export function bare(address: string): string {
  const slash = address.indexOf('/');
  return slash === -1 ? address : address.slice(0, slash);
}
