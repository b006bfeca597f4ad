import type { OutboundMessage } from '../../im/types';
import { OfflineQueue } from './OfflineQueue';

const message = (n: number): OutboundMessage => ({ to: 'bob@example.org', body: `m${n}` });

describe(OfflineQueue, () => {
  it('sends in order, once, and settles each caller when its message was written', async () => {
    const queue = new OfflineQueue(10);
    const settled = [1, 2, 3].map((n) => queue.add(message(n)));
    const sent: string[] = [];
    await queue.flush(async (m) => {
      sent.push(m.body);
    });
    await Promise.all(settled);
    await queue.flush(async (m) => {
      sent.push(m.body);
    });
    expect(sent).toEqual(['m1', 'm2', 'm3']);
    expect(queue.size).toBe(0);
  });

  it('keeps the failed message and the rest for the next flush', async () => {
    const queue = new OfflineQueue(10);
    const settled = [1, 2, 3].map((n) => queue.add(message(n)));
    const sent: string[] = [];
    await queue.flush(async (m) => {
      if (m.body === 'm2') throw new Error('socket gone');
      sent.push(m.body);
    });
    expect(queue.size).toBe(2);
    await queue.flush(async (m) => {
      sent.push(m.body);
    });
    await Promise.all(settled);
    expect(sent).toEqual(['m1', 'm2', 'm3']);
  });

  it('refuses beyond its limit and abandons with a coded reason', async () => {
    const queue = new OfflineQueue(1);
    const first = queue.add(message(1));
    await expect(queue.add(message(2))).rejects.toMatchObject({
      code: 'SB_SEND_ABANDONED',
      details: { reason: 'queue-full', limit: 1 },
    });
    queue.abandon('was disconnected');
    await expect(first).rejects.toMatchObject({
      code: 'SB_SEND_ABANDONED',
      details: { reason: 'was disconnected', to: 'bob@example.org' },
    });
    expect(queue.size).toBe(0);
  });
});
