import type { Account, Capability, CapabilitySet, MessageType } from '@switchboard/core';

/** One operation that a capability declared false must refuse. */
export interface RefusalProbe {
  /** For the test name, e.g. `addContact (roster.write)`. */
  readonly label: string;
  /** The `details` the SB_CAPABILITY_UNSUPPORTED error must carry, besides `profile`. */
  readonly details: Readonly<Record<string, string>>;
  /** Makes the call, towards `peer` where it needs an address. */
  readonly run: (account: Account, peer: string) => Promise<unknown>;
}

type Operation = readonly [string, (account: Account, peer: string) => Promise<unknown>];

/** The account operations each yes/no capability guards (`delayedDelivery`, `otherDevices` and `receipts` guard none: they only add events). */
const OPERATIONS: Readonly<Record<Capability, readonly Operation[]>> = {
  'roster.read': [['getRoster', (a) => a.getRoster()]],
  'roster.write': [
    ['addContact', (a, p) => a.addContact({ address: p, name: 'Conformance' })],
    ['removeContact', (a, p) => a.removeContact(p)],
  ],
  subscriptions: [
    ['subscribe', (a, p) => a.subscribe(p)],
    ['approveSubscription', (a, p) => a.approveSubscription(p)],
    ['denySubscription', (a, p) => a.denySubscription(p)],
    ['cancelSubscription', (a, p) => a.cancelSubscription(p)],
    ['unsubscribe', (a, p) => a.unsubscribe(p)],
  ],
  // `unwatch` of an address not watched is a no-op, so only `watch` has something to refuse.
  watch: [['watch', (a, p) => a.watch(p)]],
  'vcard.read': [['getVCard', (a, p) => a.getVCard(p)]],
  'vcard.write': [['setVCard', (a) => a.setVCard({ fullName: 'Conformance' })]],
  chatStates: [['sendChatState', (a, p) => a.sendChatState(p, 'composing')]],
  delayedDelivery: [],
  ping: [['ping', (a) => a.ping()]],
  // The capability is checked before the address, so a contact's address serves as the room.
  rooms: [['joinRoom', (a, p) => a.joinRoom(p)]],
  history: [['history', (a, p) => a.history(p)]],
  // Only events: nothing to call.
  otherDevices: [],
  receipts: [],
  readMarkers: [['markRead', (a, p) => a.markRead(p, 'conformance-1')]],
};

/** The message types a host can send (`error` is an answer, not something to send). */
const SENDABLE: readonly MessageType[] = ['chat', 'normal', 'groupchat', 'headline'];

/**
 * Every operation the capabilities refuse: the guarded operations of each capability declared
 * false, and a message of each sendable type not in `messageTypes`. Capabilities added by
 * declaration merging have no known operation and are left out.
 */
export function refusalProbes(capabilities: CapabilitySet): RefusalProbe[] {
  const probes: RefusalProbe[] = [];
  for (const [capability, operations] of Object.entries(OPERATIONS)) {
    if (capabilities[capability as Capability] !== false) continue;
    for (const [name, run] of operations) {
      probes.push({ label: `${name} (${capability})`, details: { capability }, run });
    }
  }
  for (const type of SENDABLE) {
    if (capabilities.messageTypes.includes(type)) continue;
    probes.push({
      label: `sendMessage of type ${type} (messageTypes)`,
      details: { capability: 'messageTypes', messageType: type },
      run: (a, p) => a.sendMessage({ to: p, body: 'refused', type }),
    });
  }
  return probes;
}
