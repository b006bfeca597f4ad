import type { CapabilitySet } from '@switchboard/core';
import { honourProbes } from './honourProbes';
import { refusalProbes } from './refusalProbes';

const ALL: CapabilitySet = {
  'roster.read': true,
  'roster.write': true,
  subscriptions: true,
  'vcard.read': true,
  'vcard.write': true,
  chatStates: true,
  delayedDelivery: true,
  ping: true,
  messageTypes: ['chat', 'normal', 'groupchat', 'headline'],
};

describe(refusalProbes, () => {
  it('when every capability is declared, probes nothing', () => {
    expect(refusalProbes(ALL)).toEqual([]);
  });

  it('when capabilities and message types are declared false, probes each operation they guard', () => {
    const probes = refusalProbes({
      ...ALL,
      'roster.write': false,
      subscriptions: false,
      delayedDelivery: false,
      ping: false,
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
      ['ping (ping)', { capability: 'ping' }],
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
  it('when every capability is declared, checks each and every message type but chat', () => {
    expect(honourProbes(ALL).map((p) => p.label)).toEqual([
      'getRoster (roster.read)',
      'addContact, removeContact (roster.write)',
      'subscribe, unsubscribe, subscription events (subscriptions)',
      'getVCard (vcard.read)',
      'setVCard (vcard.write)',
      'sendChatState, chatState events (chatStates)',
      'a message stored while offline (delayedDelivery)',
      'ping (ping)',
      'sendMessage of type normal (messageTypes)',
      'sendMessage of type groupchat (messageTypes)',
      'sendMessage of type headline (messageTypes)',
    ]);
  });

  it('when capabilities are declared false, leaves them out', () => {
    const labels = honourProbes({
      ...ALL,
      ping: false,
      'vcard.write': false,
      messageTypes: ['chat'],
    });
    expect(labels.map((p) => p.label).join()).not.toMatch(/ping|setVCard|sendMessage/);
    expect(labels.filter((p) => p.beforeConnect !== undefined)).toHaveLength(1);
  });
});
