import { type OutboundLine, OutboundMessages } from './OutboundMessages';

function lines(count: number, target = 'bob', labels = false): OutboundLine[] {
  return Array.from({ length: count }, (_, i) => ({
    command: 'PRIVMSG' as const,
    target,
    text: `part ${i}`,
    state: 'queued' as const,
    ...(labels ? { label: `l${target}${i}` } : {}),
  }));
}

const fold = (s: string): string => s.toLowerCase();

describe(OutboundMessages, () => {
  it('completes a message once every line was echoed, in order without labels', () => {
    const tracker = new OutboundMessages();
    const a = lines(2);
    const b = lines(1);
    tracker.add({ id: 'a', lines: a });
    tracker.add({ id: 'b', lines: b });
    for (const l of [...a, ...b]) tracker.wrote(l);
    expect(tracker.inFlight).toBe(3);
    expect(tracker.accept(undefined)).toEqual([]);
    expect(tracker.accept(undefined)).toEqual(['a']);
    expect(tracker.accept(undefined)).toEqual(['b']);
    expect(tracker.size).toBe(0);
    expect(tracker.inFlight).toBe(0);
  });

  it('matches echoes by label whatever their order', () => {
    const tracker = new OutboundMessages();
    const a = lines(1, 'x', true);
    const b = lines(1, 'y', true);
    tracker.add({ id: 'a', lines: a });
    tracker.add({ id: 'b', lines: b });
    expect(tracker.accept('ly0')).toEqual(['b']);
    expect(tracker.accept('lx0')).toEqual(['a']);
  });

  it('ignores an echo nothing waits for', () => {
    expect(new OutboundMessages().accept(undefined)).toEqual([]);
    expect(new OutboundMessages().accept('nope')).toEqual([]);
  });

  it('finds a bounced message by label, else by the folded target of a written line', () => {
    const tracker = new OutboundMessages();
    const a = lines(1, 'Bob');
    for (const l of a) tracker.wrote(l);
    tracker.add({ id: 'a', lines: a });
    tracker.add({ id: 'b', lines: lines(1, 'carol', true) });
    expect(tracker.bounce(undefined, 'BOB', fold)).toBe('a');
    expect(tracker.bounce('lcarol0', 'carol', fold)).toBe('b');
    expect(tracker.bounce(undefined, 'dave', fold)).toBeUndefined();
    expect(tracker.size).toBe(0);
  });

  it('on loss: written lines make a message unknown; queued-only ones are resent without echoed lines', () => {
    const tracker = new OutboundMessages();
    const done = lines(2);
    const unknown = lines(2);
    const queued = lines(2);
    tracker.add({ id: 'done-part', lines: done });
    tracker.add({ id: 'unknown', lines: unknown });
    tracker.add({ id: 'queued', lines: queued });
    const [doneFirst] = done;
    const [unknownFirst] = unknown;
    if (doneFirst === undefined || unknownFirst === undefined) throw new Error('no lines');
    doneFirst.state = 'accepted';
    tracker.wrote(unknownFirst);
    const report = tracker.lose();
    expect(report.unknown).toEqual(['unknown']);
    expect(report.resend.map((r) => [r.id, r.lines.map((l) => l.text)])).toEqual([
      ['done-part', ['part 1']],
      ['queued', ['part 0', 'part 1']],
    ]);
    expect(tracker.size).toBe(0);
  });
});
