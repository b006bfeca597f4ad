import type { CapabilitySet } from '@switchboard/core';
import { type HonourContext, honourProbes } from './honourProbes';
import { refusalProbes } from './refusalProbes';

const ALL: CapabilitySet = {
  'roster.read': true,
  'roster.write': true,
  subscriptions: true,
  watch: true,
  'vcard.read': true,
  'vcard.write': true,
  chatStates: true,
  delayedDelivery: true,
  ping: true,
  rooms: true,
  history: true,
  otherDevices: true,
  receipts: true,
  readMarkers: true,
  messageTypes: ['chat', 'normal', 'groupchat', 'headline'],
};

const NONE = {
  'roster.read': false,
  'roster.write': false,
  subscriptions: false,
  watch: false,
  'vcard.read': false,
  'vcard.write': false,
  chatStates: false,
  delayedDelivery: false,
  ping: false,
  rooms: false,
  history: false,
  otherDevices: false,
  receipts: false,
  readMarkers: false,
} as const;

describe(refusalProbes, () => {
  it('when every capability is declared, probes nothing', () => {
    expect(refusalProbes(ALL)).toEqual([]);
  });

  it('when capabilities and message types are declared false, probes each operation they guard', () => {
    const probes = refusalProbes({
      ...ALL,
      'roster.write': false,
      subscriptions: false,
      watch: false,
      delayedDelivery: false,
      ping: false,
      rooms: false,
      history: false,
      otherDevices: false,
      receipts: false,
      readMarkers: false,
      messageTypes: ['chat'],
    });
    expect(probes.map((p) => [p.label, p.details])).toEqual([
      ['addContact (roster.write)', { capability: 'roster.write' }],
      ['removeContact (roster.write)', { capability: 'roster.write' }],
      ['subscribe (subscriptions)', { capability: 'subscriptions' }],
      ['approveSubscription (subscriptions)', { capability: 'subscriptions' }],
      ['denySubscription (subscriptions)', { capability: 'subscriptions' }],
      ['cancelSubscription (subscriptions)', { capability: 'subscriptions' }],
      ['unsubscribe (subscriptions)', { capability: 'subscriptions' }],
      ['watch (watch)', { capability: 'watch' }],
      ['ping (ping)', { capability: 'ping' }],
      ['joinRoom (rooms)', { capability: 'rooms' }],
      ['history (history)', { capability: 'history' }],
      ['markRead (readMarkers)', { capability: 'readMarkers' }],
      [
        'sendMessage of type normal (messageTypes)',
        { capability: 'messageTypes', messageType: 'normal' },
      ],
      [
        'sendMessage of type groupchat (messageTypes)',
        { capability: 'messageTypes', messageType: 'groupchat' },
      ],
      [
        'sendMessage of type headline (messageTypes)',
        { capability: 'messageTypes', messageType: 'headline' },
      ],
    ]);
  });
});

describe(honourProbes, () => {
  it('when every capability is declared, checks each and every message type but chat and groupchat (the rooms check sends those)', () => {
    expect(honourProbes(ALL).map((p) => p.label)).toEqual([
      'getRoster (roster.read)',
      'addContact, removeContact (roster.write)',
      'subscribe, unsubscribe, subscription events (subscriptions)',
      'watch (no check in the kit yet)',
      'getVCard (vcard.read)',
      'setVCard (vcard.write)',
      'sendChatState, chatState events (chatStates)',
      'a message stored while offline (delayedDelivery)',
      'ping (ping)',
      'joinRoom, occupants, room messages both ways, leaveRoom (rooms)',
      'history of a conversation, both directions (history)',
      'ownMessage from another session of the account (otherDevices)',
      'receipts requested, answered and reported (receipts)',
      'markRead, and read from a displayed marker (readMarkers)',
      'sendMessage of type normal (messageTypes)',
      'sendMessage of type headline (messageTypes)',
    ]);
  });

  it('when otherDevices, receipts and readMarkers are declared, checks each', () => {
    const labels = honourProbes({
      ...ALL,
      ...NONE,
      otherDevices: true,
      receipts: true,
      readMarkers: true,
      messageTypes: ['chat'],
    }).map((p) => p.label);
    expect(labels).toEqual([
      'ownMessage from another session of the account (otherDevices)',
      'receipts requested, answered and reported (receipts)',
      'markRead, and read from a displayed marker (readMarkers)',
    ]);
  });

  it('when a capability the kit cannot check yet is declared, its probe fails and says so', async () => {
    const [probe] = honourProbes({ ...ALL, ...NONE, watch: true, messageTypes: ['chat'] });
    expect(probe?.label).toBe('watch (no check in the kit yet)');
    await expect(probe?.run({} as HonourContext)).rejects.toThrow(
      'The profile declares watch, and the conformance kit has no check for it yet',
    );
  });

  it('when capabilities are declared false, leaves them out', () => {
    const labels = honourProbes({
      ...ALL,
      ping: false,
      rooms: false,
      history: false,
      otherDevices: false,
      receipts: false,
      readMarkers: false,
      'vcard.write': false,
      messageTypes: ['chat'],
    });
    expect(labels.map((p) => p.label).join()).not.toMatch(/ping|setVCard|sendMessage/);
    expect(labels.filter((p) => p.beforeConnect !== undefined)).toHaveLength(1);
  });
});
