import type { SwitchboardError } from '../../errors/SwitchboardError';
import { Outbox } from './Outbox';

const message = (id: string) => ({ to: 'bob@x.test', body: id, id });

/** Records how each promise settled. */
function outcomes(outbox: Outbox, ids: readonly string[]): Map<string, string> {
  const seen = new Map<string, string>();
  for (const id of ids) {
    outbox.add(message(id)).then(
      (r) => seen.set(id, r.acknowledged ? 'acknowledged' : 'written'),
      (e: SwitchboardError) => seen.set(id, `${e.code} ${String(e.details.delivery ?? '')}`),
    );
  }
  return seen;
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe(Outbox, () => {
  it('hands messages over in order and settles each once, by report', async () => {
    const outbox = new Outbox(10);
    const seen = outcomes(outbox, ['a', 'b', 'c']);
    expect(outbox.takeQueued('s1').map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(outbox.takeQueued('s1')).toEqual([]);
    outbox.handedOver('a', 'pending');
    outbox.handedOver('b', 'written');
    outbox.handedOver('c', 'pending');
    expect([outbox.waiting, outbox.unconfirmed]).toEqual([0, 2]);
    outbox.report({ id: 'a', status: 'acknowledged' });
    outbox.report({ id: 'a', status: 'acknowledged' });
    await tick();
    expect(Object.fromEntries(seen)).toEqual({ a: 'acknowledged', b: 'written' });
  });

  it('limits only the messages waiting for a session, not those being handed over or unconfirmed', async () => {
    const outbox = new Outbox(2);
    const seen = outcomes(outbox, ['a', 'b']);
    outbox.takeQueued('s1');
    outcomes(outbox, ['c', 'd']);
    const late = outcomes(outbox, ['e']);
    await tick();
    expect(seen.size).toBe(0);
    expect(late.get('e')).toBe('SB_SEND_ABANDONED not-sent');
  });

  it('puts a message a session did not take back in its place, before later ones', () => {
    const outbox = new Outbox(10);
    outcomes(outbox, ['a', 'b', 'c']);
    outbox.takeQueued('s1');
    outcomes(outbox, ['d']);
    outbox.handedOver('a', 'pending');
    outbox.notTaken('c');
    outbox.notTaken('b');
    expect(outbox.takeQueued('s2').map((m) => m.id)).toEqual(['b', 'c', 'd']);
  });

  it('holds back later messages while an earlier one is still being handed to another session', () => {
    const outbox = new Outbox(10);
    outcomes(outbox, ['a']);
    outbox.takeQueued('old');
    outcomes(outbox, ['b', 'c']);
    expect(outbox.takeQueued('new')).toEqual([]);
    outbox.notTaken('a');
    expect(outbox.takeQueued('new').map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('abandons with delivery not-sent for queued messages and unknown for written ones, then is idle', async () => {
    const outbox = new Outbox(10);
    const seen = outcomes(outbox, ['a', 'b', 'c']);
    outbox.takeQueued('s1');
    outbox.handedOver('a', 'pending');
    outbox.notTaken('c');
    const idle = outbox.idle();
    expect(outbox.abandon({ reason: 'was disconnected' })).toBe(3);
    await idle;
    await tick();
    expect(Object.fromEntries(seen)).toEqual({
      a: 'SB_SEND_ABANDONED unknown',
      b: 'SB_SEND_ABANDONED unknown',
      c: 'SB_SEND_ABANDONED not-sent',
    });
    expect([outbox.waiting, outbox.unconfirmed]).toEqual([0, 0]);
  });
});
