import { SwitchboardError } from '../errors/SwitchboardError';
import type { MessageType } from '../im/types';
import type { Capability, CapabilitySet } from './CapabilitySet';

/** Throws SB_CAPABILITY_UNSUPPORTED, naming profile and capability, unless it is supported. */
export function requireCapability(
  profile: { id: string; name: string },
  set: CapabilitySet,
  capability: Capability,
): void {
  if (set[capability]) return;
  throw new SwitchboardError(
    'SB_CAPABILITY_UNSUPPORTED',
    `${profile.name} does not support ${capability}; nothing was sent.`,
    { details: { profile: profile.id, capability } },
  );
}

/** Throws SB_CAPABILITY_UNSUPPORTED unless the provider delivers messages of this type. */
export function requireMessageType(
  profile: { id: string; name: string },
  set: CapabilitySet,
  type: MessageType,
): void {
  if (set.messageTypes.includes(type)) return;
  throw new SwitchboardError(
    'SB_CAPABILITY_UNSUPPORTED',
    `${profile.name} does not deliver ${type} messages (it supports ${set.messageTypes.join(', ')}); nothing was sent.`,
    { details: { profile: profile.id, capability: 'messageTypes', messageType: type } },
  );
}

/** Stanza error conditions that mean "the server does not allow this". */
const REFUSALS = new Set([
  'feature-not-implemented',
  'forbidden',
  'not-allowed',
  'service-unavailable',
]);

/**
 * Turns a server's refusal of an operation into SB_CAPABILITY_REFUSED naming profile,
 * capability and the server's condition; other errors pass through unchanged.
 */
export function asRefusal(
  error: unknown,
  profile: { id: string; name: string },
  capability: Capability,
): unknown {
  if (!SwitchboardError.is(error, 'SB_STANZA_ERROR')) return error;
  const condition = error.details.condition;
  if (typeof condition !== 'string' || !REFUSALS.has(condition)) return error;
  return new SwitchboardError(
    'SB_CAPABILITY_REFUSED',
    `The ${profile.name} server refused ${capability} (${condition}).`,
    { cause: error, details: { profile: profile.id, capability, condition } },
  );
}
