import { SwitchboardError } from '../errors/SwitchboardError';
import type { DeliveryUpdate } from '../im/delivery';
import { Deliveries } from './Deliveries';

function record(): { deliveries: Deliveries; states: () => string[] } {
  const seen: DeliveryUpdate[] = [];
  const deliveries = new Deliveries((u) => seen.push(u));
  return { deliveries, states: () => seen.map((u) => `${u.id} ${u.state}`) };
}

describe(Deliveries, () => {
  describe('.update', () => {
    it('when states come in order, reports each once', () => {
      const { deliveries, states } = record();
      for (const state of ['accepted', 'accepted', 'delivered', 'read', 'delivered'] as const)
        deliveries.update('m1', 'bob@x', state);
      expect(states()).toEqual(['m1 accepted', 'm1 delivered', 'm1 read']);
    });

    it('when a receipt overtakes the acknowledgement, reports accepted first, and not again', () => {
      const { deliveries, states } = record();
      deliveries.update('m1', 'bob@x', 'delivered');
      deliveries.update('m1', 'bob@x', 'accepted');
      expect(states()).toEqual(['m1 accepted', 'm1 delivered']);
    });

    it('when read comes first, reports the states it implies before it', () => {
      const { deliveries, states } = record();
      deliveries.update('m1', 'bob@x', 'accepted');
      deliveries.update('m1', 'bob@x', 'read');
      deliveries.update('m2', 'bob@x', 'read');
      expect(states()).toEqual([
        'm1 accepted',
        'm1 delivered',
        'm1 read',
        'm2 accepted',
        'm2 delivered',
        'm2 read',
      ]);
    });

    it('when a message failed, reports nothing after it', () => {
      const { deliveries, states } = record();
      const error = new SwitchboardError('SB_MESSAGE_BOUNCED', 'bounced');
      deliveries.update('m1', 'bob@x', 'failed', error);
      deliveries.update('m1', 'bob@x', 'delivered');
      expect(states()).toEqual(['m1 failed']);
      expect(deliveries.stateOf('m1')).toBe('failed');
    });
  });
});
