import type { RosterItem } from '@switchboard/core';
import { formatTable } from '../support/formatTable';

/** The roster as a table, by address: address, name, subscription ("pending" while asked), groups (sorted). */
export function rosterTable(items: readonly RosterItem[]): string[] {
  const sorted = [...items].sort((a, b) => a.address.localeCompare(b.address));
  return formatTable(
    ['CONTACT', 'NAME', 'SUBSCRIPTION', 'GROUPS'],
    sorted.map((item) => [
      item.address,
      item.name ?? '',
      item.pending === true ? `${item.subscription} (pending)` : item.subscription,
      [...item.groups].sort().join(', '),
    ]),
  );
}
