import { SwitchboardError } from '../errors/SwitchboardError';
import type { ProfilePlugin } from '../plugins/ProtocolPlugin';

/**
 * Throws SB_ADDRESS_INVALID naming `field` unless `address` is valid for `plugin`'s protocol:
 * the plugin's own rules, or, for a plugin without any, a non-empty address.
 */
export function checkAddress(plugin: ProfilePlugin, address: string, field: string): void {
  if (plugin.checkAddress !== undefined) {
    plugin.checkAddress(address, field);
    return;
  }
  if (typeof address !== 'string' || address.trim() === '') {
    throw new SwitchboardError(
      'SB_ADDRESS_INVALID',
      `The ${field === 'address' ? 'address' : `${field} address`} is empty.`,
      {
        details: { field, reason: 'empty' },
      },
    );
  }
}
