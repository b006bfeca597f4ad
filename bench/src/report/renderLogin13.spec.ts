import type { Login13Results, Login13Row } from '../scenarios/login13';
import type { Summary } from '../stats';
import { checkLogin13Targets, renderLogin13 } from './renderLogin13';

const s = (median: number): Summary => ({ runs: 1, median, p95: median, min: median });

function row(
  id: string,
  switchboard?: number,
  xmppjs?: number,
  trips?: [number, number],
): Login13Row {
  return {
    id,
    title: `title of ${id}`,
    peers: {
      ...(switchboard === undefined ? {} : { switchboard: s(switchboard) }),
      ...(xmppjs === undefined ? {} : { xmppjs: s(xmppjs) }),
    },
    mechanisms: { switchboard: 'HT-SHA-256-EXPR' },
    failed: {},
    ...(trips === undefined ? {} : { roundTrips: { switchboard: [trips[0]], xmppjs: [trips[1]] } }),
  };
}

function results(o: { fast?: number; delayedFast?: number; cached?: number } = {}): Login13Results {
  return {
    plan: { runs: 1, delayedRuns: 1, delayMs: 25, warmUp: 1 },
    direct: [
      row('fast', o.fast ?? 8, 9),
      row('fast-direct', 7, 8),
      row('plain-reconnect', 10, 11),
      row('scram-cached', o.cached ?? 10.5),
    ],
    delayed: [
      row('classic-scram', 500, undefined, [10, 0]),
      row('fast', 300, 250, [6, 5]),
      row('fast-direct', o.delayedFast ?? 200, 150, [4, 3]),
    ],
  };
}

describe(checkLogin13Targets, () => {
  it('when every target is reached, says yes to each', () => {
    expect(checkLogin13Targets(results()).map((t) => t.met)).toEqual([true, true, true]);
  });

  it('when FAST is slower than @xmpp/client on either transport, misses the first target', () => {
    const [fast] = checkLogin13Targets(results({ fast: 9.5 }));
    expect(fast).toMatchObject({
      met: false,
      measured: 'STARTTLS 9.50 vs 9.00 ms; direct TLS 7.00 vs 8.00 ms',
    });
  });

  it('when the delayed FAST login takes more than half of the classic one, misses the second', () => {
    expect(checkLogin13Targets(results({ delayedFast: 251 }))[1]?.met).toBe(false);
    expect(checkLogin13Targets(results({ delayedFast: 250 }))[1]?.met).toBe(true);
  });

  it('when the cached SCRAM reconnect is more than 10 % above PLAIN, misses the third', () => {
    expect(checkLogin13Targets(results({ cached: 11.01 }))[2]?.met).toBe(false);
    expect(checkLogin13Targets(results({ cached: 11 }))[2]).toMatchObject({
      met: true,
      measured: '11.00 vs 10.00 ms (10.0 %)',
    });
  });

  it('when @xmpp/client has no FAST time on a transport, judges on the other one', () => {
    const base = results({ fast: 9.5 });
    const direct = base.direct.map((r) => (r.id === 'fast' ? row('fast', 9.5) : r));
    expect(checkLogin13Targets({ ...base, direct })[0]).toMatchObject({
      met: true,
      measured: 'direct TLS 7.00 vs 8.00 ms',
    });
  });

  it('when a row is missing, cannot tell', () => {
    const partial = { ...results(), delayed: [] };
    expect(checkLogin13Targets(partial)[1]).toMatchObject({ met: undefined, measured: '—' });
  });
});

describe(renderLogin13, () => {
  it('when rendered, shows both links, round trips per peer and why a peer failed', () => {
    const base = results();
    const failed: Login13Row = {
      ...row('fast-direct', 7),
      failed: { xmppjs: 'fast-direct, xmppjs: TimeoutError' },
    };
    const text = renderLogin13({ ...base, direct: [...base.direct.slice(0, 1), failed] });
    expect(text).toContain('#### Through a link with 25 ms each way');
    expect(text).toContain('| title of fast | 300.0 / 300.0 | 6 | 250.0 / 250.0 | 5 | **0.83×** |');
    expect(text).toContain(
      '| title of fast-direct | 7.00 / 7.00 | failed: fast-direct, xmppjs: TimeoutError | — | HT-SHA-256-EXPR |',
    );
  });
});
