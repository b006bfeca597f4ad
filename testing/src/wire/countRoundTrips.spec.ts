import { clientFlights, countRoundTrips, type TimedChunk } from './countRoundTrips';

/** `u@3` is 3 client bytes read at 3 ms; `d@5>15` is server data read at 5, forwarded at 15. */
function wire(script: string, connection = 1): TimedChunk[] {
  return script
    .split(/\s+/)
    .filter(Boolean)
    .map((step) => {
      const match = /^([ud])(\d*)@(\d+)(?:>(\d+|-))?$/.exec(step);
      if (match === null) throw new Error(`bad step ${step}`);
      const [, dir, size, at, forwarded] = match;
      const atMs = Number(at);
      const chunk = {
        direction: dir === 'u' ? ('up' as const) : ('down' as const),
        bytes: { length: size === '' ? 1 : Number(size) },
        connection,
        at: atMs,
      };
      if (forwarded === '-') return chunk;
      return { ...chunk, forwardedAt: forwarded === undefined ? atMs : Number(forwarded) };
    });
}

const byTime = (chunks: TimedChunk[]): TimedChunk[] => [...chunks].sort((a, b) => a.at - b.at);

describe(countRoundTrips, () => {
  it('when nothing crossed the wire, counts none', () => {
    expect(countRoundTrips([])).toBe(0);
  });

  it('when client and server take turns, counts each client turn', () => {
    expect(countRoundTrips(wire('u@0 d@1 u@2 d@3 u@4 d@5'))).toBe(3);
  });

  it('when the client only sends, counts one flight however many chunks', () => {
    expect(countRoundTrips(wire('u@0 u@1 u@2 u@3'))).toBe(1);
  });

  it('when each side writes a turn in several chunks, counts the turns', () => {
    expect(countRoundTrips(wire('u@0 u@0 u@1 d@2 d@2 d@3 d@4 u@5 u@5 d@6 d@7 u@8'))).toBe(3);
  });

  it('when the client pipelines before the server answer reached it, keeps one flight', () => {
    // The answer to u@0 is read at 1 but reaches the client at 11; u@5 did not wait for it.
    expect(countRoundTrips(wire('u@0 d@1>11 u@5 d@6>16 u@17'))).toBe(2);
  });

  it('when the client sends after the delayed answer reached it, counts a new flight', () => {
    expect(countRoundTrips(wire('u@0 d@1>11 u@12 d@13>23 u@24'))).toBe(3);
  });

  it('when server data was held back and never forwarded, the client cannot have waited for it', () => {
    expect(countRoundTrips(wire('u@0 d@1>- u@5'))).toBe(1);
  });

  it('when `until` is given, leaves out what the tap read from then on', () => {
    const chunks = wire('u@0 d@1 u@2 d@3 u@4 d@5');
    expect(countRoundTrips(chunks, { until: 4 })).toBe(2);
    expect(countRoundTrips(chunks, { until: 4.5 })).toBe(3);
    expect(countRoundTrips(chunks, { until: 0 })).toBe(0);
  });

  it('when connections interleave, counts each on its own and adds them up', () => {
    const first = wire('u@0 d@2 u@4 d@6', 1);
    const second = wire('u@1 d@3 u@5 d@7 u@8', 2);
    const chunks = byTime([...first, ...second]);
    expect(countRoundTrips(chunks)).toBe(5);
    expect(countRoundTrips(chunks, { connection: 1 })).toBe(2);
    expect(countRoundTrips(chunks, { connection: 2 })).toBe(3);
  });

  it('when server data of another connection reached its client, this one has not waited', () => {
    const chunks = byTime([...wire('u@0 u@4', 1), ...wire('u@1 d@2', 2)]);
    expect(countRoundTrips(chunks, { connection: 1 })).toBe(1);
  });
});

describe(clientFlights, () => {
  it('when read, gives each flight its bytes and the bytes of the answer', () => {
    expect(clientFlights(wire('u10@0 u5@0 d100@1 d20@2 u7@3 d3@4'))).toEqual([
      { connection: 1, at: 0, chunks: 2, bytes: 15, answerBytes: 120 },
      { connection: 1, at: 3, chunks: 1, bytes: 7, answerBytes: 3 },
    ]);
  });

  it('when the server speaks before the client, that data belongs to no flight', () => {
    expect(clientFlights(wire('d9@0 u4@1 d2@2'))).toEqual([
      { connection: 1, at: 1, chunks: 1, bytes: 4, answerBytes: 2 },
    ]);
  });
});
