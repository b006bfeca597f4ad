import type { SessionSink } from '@switchboard/core';
import xml, { type Element } from '@xmpp/xml';
import { NS_SID } from './mucElements';
import { OwnEchoes } from './OwnEchoes';

const ROOM = 'room@conference.x.test';

function recording(): { sink: SessionSink; receipts: unknown[] } {
  const receipts: unknown[] = [];
  const sink = { receipt: (r: unknown) => receipts.push(r) } as unknown as SessionSink;
  return { sink, receipts };
}

const outbound = (id: string): Element =>
  xml(
    'message',
    { to: ROOM, type: 'groupchat', id },
    xml('body', {}, id),
    xml('origin-id', { xmlns: NS_SID, id }),
  );
/** The room's reflection, with an id the room rewrote and the origin-id kept. */
const reflection = (id: string): Element =>
  xml(
    'message',
    { from: `${ROOM}/me`, type: 'groupchat', id: `room-${id}` },
    xml('origin-id', { xmlns: NS_SID, id }),
  );
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const delivered = (id: string) => ({ id, from: ROOM, state: 'delivered' });

describe(OwnEchoes, () => {
  it('when the reflection comes before the acknowledgement, reports delivered once acknowledged', async () => {
    const { sink, receipts } = recording();
    const echoes = new OwnEchoes(sink, () => true);
    const m1 = outbound('m1');
    echoes.sent(ROOM, m1);
    expect(echoes.reflected(ROOM, reflection('m1'))).toBe(true);
    expect(receipts).toEqual([]);
    echoes.acknowledged([m1]);
    await settle();
    expect(receipts).toEqual([delivered('m1')]);
  });

  it('when the acknowledgement comes first, reports delivered at the reflection', () => {
    const { sink, receipts } = recording();
    const echoes = new OwnEchoes(sink, () => true);
    const m1 = outbound('m1');
    echoes.sent(ROOM, m1);
    echoes.acknowledged([m1]);
    expect(echoes.reflected(ROOM, reflection('m1'))).toBe(true);
    expect(receipts).toEqual([delivered('m1')]);
  });

  describe('.memo', () => {
    it('when the stream is resumed, the reflections and acknowledgements due arrive on the next session', async () => {
      const { sink, receipts } = recording();
      const lost = new OwnEchoes(sink, () => true);
      const [m1, m2, m3] = [outbound('m1'), outbound('m2'), outbound('m3')];
      for (const m of [m1, m2, m3]) lost.sent(ROOM, m);
      lost.reflected(ROOM, reflection('m1')); // waits for its acknowledgement
      lost.acknowledged([m2]); // waits for its reflection
      // m3: neither yet.
      const next = new OwnEchoes(sink, () => true, lost.memo());
      next.acknowledged([m1, m3]);
      expect(next.reflected(ROOM, reflection('m2'))).toBe(true);
      expect(next.reflected(ROOM, reflection('m3'))).toBe(true);
      await settle();
      expect(receipts).toEqual([delivered('m2'), delivered('m3'), delivered('m1')]);
      // Each once: a repeated reflection is not this session's own message any more.
      expect(next.reflected(ROOM, reflection('m1'))).toBe(false);
      expect(next.memo()).toEqual({ sent: [], waiting: [], acknowledged: [] });
    });

    it('when a reflection comes from another room, it is not taken for an own message', () => {
      const { sink, receipts } = recording();
      const lost = new OwnEchoes(sink, () => true);
      lost.sent(ROOM, outbound('m1'));
      const next = new OwnEchoes(sink, () => false, lost.memo());
      expect(next.reflected('other@conference.x.test', reflection('m1'))).toBe(false);
      expect(next.reflected(ROOM, reflection('m1'))).toBe(true);
      expect(receipts).toEqual([delivered('m1')]);
    });
  });
});
