import { EventEmitter } from 'node:events';
import type { MessageSource } from './MessageLedger';
import { MessageLedger } from './MessageLedger';

/** A send whose promise the test settles. */
function deferredSend(): {
  send: (body: string) => Promise<void>;
  bodies: string[];
  resolve(i: number): void;
  reject(i: number, error: unknown): void;
} {
  const bodies: string[] = [];
  const settle: { resolve(): void; reject(e: unknown): void }[] = [];
  return {
    bodies,
    send: (body) =>
      new Promise<void>((resolve, reject) => {
        bodies.push(body);
        settle.push({ resolve, reject });
      }),
    resolve: (i) => settle[i]?.resolve(),
    reject: (i, error) => settle[i]?.reject(error),
  };
}

const ok = (): Promise<void> => Promise.resolve();
const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

describe(MessageLedger, () => {
  describe('.send', () => {
    it('when called, numbers bodies per sender with the prefix and run', () => {
      const ledger = new MessageLedger('storm', 'r1');
      expect(ledger.send('alice', ok)).toBe('storm-r1-0-0');
      expect(ledger.send('alice', ok)).toBe('storm-r1-0-1');
      expect(ledger.send('bob', ok)).toBe('storm-r1-1-0');
      expect(ledger.run).toBe('r1');
    });

    it('when send throws at once, counts the message as rejected with its code', async () => {
      const ledger = new MessageLedger();
      ledger.send('a', () => {
        throw Object.assign(new Error('no'), { code: 'SB_ACCOUNT_STATE' });
      });
      await flush();
      expect(ledger.report()).toMatchObject({ rejected: { SB_ACCOUNT_STATE: 1 }, pending: 0 });
    });
  });

  describe('.report', () => {
    it('when every message is resolved and delivered once in order, counts no fault', async () => {
      const ledger = new MessageLedger();
      const bodies = [0, 1, 2].map(() => ledger.send('a', ok));
      await flush();
      for (const b of bodies) ledger.delivered(b);
      expect(ledger.report()).toEqual({
        sent: 3,
        ok: 3,
        rejected: {},
        pending: 0,
        delivered: 3,
        lost: 0,
        duplicated: 0,
        reordered: 0,
        unreported: 0,
        deliveredDespiteRejection: 0,
        unknown: 0,
        lostBlocks: [],
      });
    });

    it('when resolved messages never arrive, counts them lost and unreported, in blocks', async () => {
      const ledger = new MessageLedger();
      const bodies = Array.from({ length: 7 }, () => ledger.send('a', ok));
      await flush();
      for (const i of [0, 3, 6]) ledger.delivered(bodies[i] ?? '');
      const report = ledger.report();
      expect(report).toMatchObject({ ok: 7, delivered: 3, lost: 4, unreported: 4 });
      expect(report.lostBlocks).toEqual([
        { sender: 'a', first: 1, last: 2, sentAt: expect.any(Number) },
        { sender: 'a', first: 4, last: 5, sentAt: expect.any(Number) },
      ]);
    });

    it('when a message arrives twice, counts it duplicated once', async () => {
      const ledger = new MessageLedger();
      const body = ledger.send('a', ok);
      await flush();
      ledger.delivered(body);
      ledger.delivered(body);
      ledger.delivered(body);
      expect(ledger.report()).toMatchObject({ delivered: 1, duplicated: 1, lost: 0 });
      expect(ledger.entries()[0]?.deliveredAt).toHaveLength(3);
    });

    it("when one sender's message arrives after a later one, counts it reordered", async () => {
      const ledger = new MessageLedger();
      const [m0, m1, m2, m3] = [0, 1, 2, 3].map(() => ledger.send('a', ok));
      await flush();
      for (const b of [m0, m2, m1, m3]) ledger.delivered(b ?? '');
      expect(ledger.report().reordered).toBe(1);
    });

    it('when two senders interleave, does not count that as reordering', async () => {
      const ledger = new MessageLedger();
      const a = [0, 1].map(() => ledger.send('a', ok));
      const b = [0, 1].map(() => ledger.send('b', ok));
      await flush();
      for (const body of [b[0], a[0], b[1], a[1]]) ledger.delivered(body ?? '');
      expect(ledger.report()).toMatchObject({ reordered: 0, delivered: 4 });
    });

    it('when sends reject, counts them by code; rejected ones are neither lost nor unreported', async () => {
      const ledger = new MessageLedger();
      const sends = deferredSend();
      for (let i = 0; i < 4; i++) ledger.send('a', sends.send);
      sends.reject(0, Object.assign(new Error('x'), { code: 'SB_SEND_ABANDONED' }));
      sends.reject(1, Object.assign(new Error('x'), { code: 'SB_SEND_ABANDONED' }));
      sends.reject(2, new Error('plain'));
      await flush();
      ledger.delivered(sends.bodies[1] ?? '');
      expect(ledger.report()).toMatchObject({
        rejected: { SB_SEND_ABANDONED: 2, uncoded: 1 },
        pending: 1,
        lost: 0,
        unreported: 1,
        deliveredDespiteRejection: 1,
      });
      expect(ledger.entries()[0]).toMatchObject({ outcome: 'rejected', code: 'SB_SEND_ABANDONED' });
    });

    it('when a pending message was delivered, it is not unreported; an undelivered one is', async () => {
      const ledger = new MessageLedger();
      const sends = deferredSend();
      ledger.send('a', sends.send);
      ledger.send('a', sends.send);
      ledger.delivered(sends.bodies[0] ?? '');
      expect(ledger.report()).toMatchObject({ pending: 2, delivered: 1, unreported: 1, lost: 0 });
    });

    it('ignores bodies of other runs and counts unknown ones of its own run', async () => {
      const ledger = new MessageLedger('storm', 'r1');
      ledger.send('a', ok);
      await flush();
      ledger.delivered('hello');
      ledger.delivered('storm-r2-0-0');
      ledger.delivered('storm-r1-0-9');
      ledger.delivered('storm-r1-4-0');
      expect(ledger.report()).toMatchObject({ delivered: 0, unknown: 2, lost: 1 });
    });
  });

  describe('.watch', () => {
    it('when the source emits messages, records them until stopped', async () => {
      const ledger = new MessageLedger();
      const source = new EventEmitter();
      const stop = ledger.watch(source as unknown as MessageSource);
      const first = ledger.send('a', ok);
      const second = ledger.send('a', ok);
      await flush();
      source.emit('message', { from: 'x', type: 'chat', body: first });
      stop();
      source.emit('message', { from: 'x', type: 'chat', body: second });
      expect(ledger.report()).toMatchObject({ delivered: 1, lost: 1 });
      expect(source.listenerCount('message')).toBe(0);
    });
  });

  describe('.waitForDelivery', () => {
    it('when every resolved message arrives, resolves with the report then, not before', async () => {
      const ledger = new MessageLedger();
      const sends = deferredSend();
      ledger.send('a', sends.send);
      ledger.send('a', sends.send);
      sends.resolve(0);
      await flush();
      let done = false;
      const waiting = ledger.waitForDelivery(5_000).then((report) => {
        done = true;
        return report;
      });
      await flush();
      expect(done).toBe(false);
      const started = Date.now();
      ledger.delivered(sends.bodies[0] ?? '');
      await expect(waiting).resolves.toMatchObject({ delivered: 1, lost: 0, pending: 1 });
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('when a resolved message never arrives, resolves after the timeout with it lost', async () => {
      const ledger = new MessageLedger();
      ledger.send('a', ok);
      await flush();
      await expect(ledger.waitForDelivery(30)).resolves.toMatchObject({ lost: 1 });
    });
  });

  describe('.settled', () => {
    it('resolves once no send is pending, or after the timeout with those still pending', async () => {
      const ledger = new MessageLedger();
      const sends = deferredSend();
      ledger.send('a', sends.send);
      ledger.send('a', sends.send);
      await expect(ledger.settled(20)).resolves.toMatchObject({ pending: 2 });
      const waiting = ledger.settled(5_000);
      sends.resolve(0);
      sends.reject(1, Object.assign(new Error('x'), { code: 'SB_TIMEOUT' }));
      await expect(waiting).resolves.toMatchObject({
        pending: 0,
        ok: 1,
        rejected: { SB_TIMEOUT: 1 },
      });
    });
  });
});
