import type { Machine } from '../machine';
import type { BenchResults, IrcResults } from '../results';
import type { Summary } from '../stats';
import { ircMetricRows } from './ircRows';
import { renderResults } from './render';
import { renderIrc } from './renderIrc';

const s = (median: number): Summary => ({ runs: 3, median, p95: median, min: median });

const measured: IrcResults = {
  ergo: '2.15.0',
  unavailable: [],
  login: [
    {
      mechanism: 'PLAIN',
      peers: {
        switchboard: { mechanism: 'PLAIN', summary: s(10) },
        'irc-framework': { mechanism: 'PLAIN', summary: s(20) },
      },
    },
    {
      mechanism: 'SCRAM-SHA-256',
      peers: {
        switchboard: { mechanism: 'SCRAM-SHA-256', summary: s(15) },
        'irc-framework': { mechanism: 'PLAIN', summary: s(30) },
      },
    },
  ],
  throughput: {
    switchboard: { failed: '12 of 200 messages arrived in 60 s' },
    'irc-framework': { messagesPerSecond: s(8000), messages: 200 },
  },
  scale: [
    {
      accounts: 50,
      peers: {
        switchboard: { skipped: 'open-files limit 64 < 306' },
        'irc-framework': {
          accounts: 50,
          loginsPerSecond: 150,
          rssKiBPerAccount: 90,
          heapKiBPerAccount: 30,
          externalKiBPerAccount: 4,
        },
      },
    },
  ],
};

describe(ircMetricRows, () => {
  it('when a peer logged in with a stand-in mechanism, the row says which and why', () => {
    const rows = ircMetricRows(measured);
    expect(rows.map((r) => r.metric).slice(0, 2)).toEqual([
      'IRC login, PLAIN',
      'IRC login, SCRAM-SHA-256 (irc-framework: PLAIN, it has no SCRAM-SHA-256)',
    ]);
    expect(rows[0]?.note).toBeUndefined();
    expect(rows[1]?.note).toMatch(/not like for like/);
    expect(rows[1]?.values).toEqual({ switchboard: 15, 'irc-framework': 30 });
  });

  it('when a round failed or a scale run was skipped, that peer has no value', () => {
    const rows = ircMetricRows(measured);
    const throughput = rows.find((r) => r.metric === 'IRC messages, one connection to another');
    expect(throughput?.values).toEqual({ switchboard: undefined, 'irc-framework': 8000 });
    const rss = rows.find((r) => r.metric === 'IRC memory per idle account (RSS), 50');
    expect(rss?.values).toEqual({ switchboard: undefined, 'irc-framework': 90 });
  });
});

describe(renderIrc, () => {
  it('when both peers ran, the ratio is Switchboard’s advantage and the details name the stand-in', () => {
    const text = renderIrc(measured);
    expect(text).toContain('| IRC login, PLAIN | ms | 10.00 | 20.00 | 2.00× |');
    expect(text).toContain('| SCRAM-SHA-256 | 3 | 15.00 / 15.00 | 30.00 / 30.00 (PLAIN) |');
    expect(text).toContain('| Switchboard | failed: 12 of 200 messages arrived in 60 s |  |  |');
    expect(text).toContain('| 50 | Switchboard | open-files limit 64 < 306 |');
  });

  it('when a peer could not run, the page says why and its column is empty', () => {
    const text = renderIrc({
      ...measured,
      unavailable: [{ id: 'switchboard', unavailable: '@switchboard/irc has no ircModule export' }],
      login: [
        {
          mechanism: 'PLAIN',
          peers: { 'irc-framework': { mechanism: 'PLAIN', summary: s(20) } },
        },
      ],
    });
    expect(text).toContain(
      '- Switchboard: not measured, @switchboard/irc has no ircModule export.',
    );
    expect(text).toContain('| IRC login, PLAIN | ms | — | 20.00 | — |');
  });
});

describe(renderResults, () => {
  const base: BenchResults = {
    date: 'today',
    command: 'pnpm bench',
    machine: {} as Machine,
    login: [],
    throughput: {},
    scale: [],
    coldStart: {},
  };

  it('when only the IRC scenarios ran, the page has the IRC part alone', () => {
    const text = renderResults({ ...base, irc: measured });
    expect(text).toContain('### IRC: Switchboard against irc-framework');
    expect(text).not.toContain('### Targets');
  });

  it('when no IRC scenario ran, the page has no IRC part', () => {
    const text = renderResults({ ...base, coldStart: { node: s(40) } });
    expect(text).toContain('### Targets');
    expect(text).not.toContain('IRC');
  });
});
