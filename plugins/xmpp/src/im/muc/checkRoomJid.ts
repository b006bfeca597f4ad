import { SwitchboardError } from '@switchboard/core';

/**
 * Throws SB_ADDRESS_INVALID (`details.field` `'room'`, `reason` `resourcepart` or `localpart`)
 * unless `address`, already a valid JID, is a room's bare JID: `room@service`, no resource.
 */
export function checkRoomJid(address: string): void {
  const slash = address.indexOf('/');
  const problem =
    slash >= 0
      ? { reason: 'resourcepart', text: 'a room address has no "/resource" part' }
      : !address.includes('@')
        ? { reason: 'localpart', text: 'a room address is room@service' }
        : undefined;
  if (problem === undefined) return;
  throw new SwitchboardError(
    'SB_ADDRESS_INVALID',
    `The room address "${address}" is not a room's address: ${problem.text}.`,
    { details: { field: 'room', reason: problem.reason } },
  );
}
