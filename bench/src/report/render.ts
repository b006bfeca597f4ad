import type { PeerId } from '../peers';
import type { BenchResults } from '../results';
import type { Summary } from '../stats';
import { advantage, num, ratio, table } from './format';
import { renderIrc } from './renderIrc';
import { renderLogin13 } from './renderLogin13';
import { metricRows } from './rows';
import { checkTargets } from './targets';

const COLUMNS: readonly { readonly id: PeerId; readonly title: string }[] = [
  { id: 'switchboard', title: 'Switchboard (TCP)' },
  { id: 'xmppjs', title: '@xmpp/client (TCP)' },
  { id: 'xmppjs-ws', title: '@xmpp/client (WebSocket)' },
  { id: 'stanza', title: 'StanzaJS (WebSocket)' },
];

function summaryTable(results: BenchResults): string {
  const rows = metricRows(results).map((row) => [
    row.metric,
    row.unit,
    ...COLUMNS.map((c) => num(row.values[c.id])),
    ratio(advantage(row.values.switchboard, row.values.xmppjs, row.better)),
    ratio(advantage(row.values.switchboard, row.values.stanza, row.better)),
  ]);
  return table(
    ['', 'unit', ...COLUMNS.map((c) => c.title), 'vs @xmpp/client', 'vs StanzaJS'],
    rows,
  );
}

const cell = (s: Summary | undefined): string =>
  s === undefined ? '—' : `${num(s.median)} / ${num(s.p95)}`;

function loginTable(results: BenchResults): string {
  return table(
    ['mechanism', 'runs', ...COLUMNS.map((c) => `${c.title} median / p95 (ms)`)],
    results.login.map((row) => [
      row.mechanism,
      String(row.peers.switchboard?.runs ?? Object.values(row.peers)[0]?.runs ?? 0),
      ...COLUMNS.map((c) => cell(row.peers[c.id])),
    ]),
  );
}

function throughputTable(results: BenchResults): string {
  return table(
    ['peer', 'msg/s median / p95', 'rounds', 'ping ms median / p95', 'pings'],
    COLUMNS.flatMap((c) => {
      const r = results.throughput[c.id];
      return r === undefined
        ? []
        : [
            [
              c.title,
              cell(r.messagesPerSecond),
              String(r.messagesPerSecond.runs),
              cell(r.pingMs),
              String(r.pingMs.runs),
            ],
          ];
    }),
  );
}

function scaleTable(results: BenchResults): string {
  const rows: string[][] = [];
  for (const { accounts, peers } of results.scale) {
    for (const c of COLUMNS) {
      const r = peers[c.id];
      if (r === undefined) continue;
      if ('skipped' in r) {
        rows.push([accounts.toLocaleString('en-US'), c.title, r.skipped, '', '', '']);
        continue;
      }
      rows.push([
        accounts.toLocaleString('en-US'),
        c.title,
        num(r.loginsPerSecond, 0),
        num(r.rssKiBPerAccount, 1),
        num(r.heapKiBPerAccount, 1),
        num(r.externalKiBPerAccount, 1),
      ]);
    }
  }
  return table(
    ['accounts', 'peer', 'logins/s', 'RSS KiB/account', 'heap KiB/account', 'external KiB/account'],
    rows,
  );
}

function coldStartTable(results: BenchResults): string {
  const subjects = [
    ['switchboard', 'Switchboard: core, XMPP plugin, four profiles, container'],
    ['switchboard-jabber', 'Switchboard: core, XMPP plugin, Jabber profile, container'],
    ['xmppjs', '@xmpp/client: import, create a client'],
    ['stanza', 'StanzaJS: import, create a client'],
    ['cli-help', '`switchboard --help`: the whole process, Node start-up included'],
    ['node', '`node -e ""`: Node start-up alone, for comparison'],
  ] as const;
  return table(
    ['what', 'median / p95 (ms)', 'runs'],
    subjects.map(([id, label]) => [
      label,
      cell(results.coldStart[id]),
      String(results.coldStart[id]?.runs ?? 0),
    ]),
  );
}

function targetTable(results: BenchResults): string {
  return table(
    ['target', 'this run', 'met'],
    checkTargets(results).map((c) => [
      c.target,
      c.measured,
      c.met === undefined ? '—' : c.met ? 'yes' : '**no**',
    ]),
  );
}

function machineLine(results: BenchResults): string {
  const m = results.machine;
  return [
    `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os} (kernel ${m.kernel});`,
    `Node ${m.node}; Prosody ${m.prosody}; open-files limit ${m.fdLimit}.`,
  ].join(' ');
}

/**
 * Whether any XMPP scenario but `login13`, or the cold start, ran (an IRC-only or login13-only run
 * shows its part alone).
 */
function xmppRan(results: BenchResults): boolean {
  return (
    results.login.length > 0 ||
    Object.keys(results.throughput).length > 0 ||
    results.scale.length > 0 ||
    Object.keys(results.coldStart).length > 0
  );
}

function xmppSections(results: BenchResults): string {
  return [
    'Medians. Ratios are Switchboard’s advantage over the peer, from this one run: above 1',
    'Switchboard is better (faster, more per second, less memory); below 1 (bold) the peer is.',
    '',
    summaryTable(results),
    '',
    '### Targets',
    '',
    targetTable(results),
    '',
    '### Login latency, connect → online',
    '',
    loginTable(results),
    '',
    '### Throughput and ping, one connection',
    '',
    throughputTable(results),
    '',
    '### Many idle accounts in one process',
    '',
    scaleTable(results),
    '',
    '### Cold start',
    '',
    coldStartTable(results),
  ].join('\n');
}

/** The generated part of docs/performance.md for one run. */
export function renderResults(results: BenchResults): string {
  const sections = [
    `Measured ${results.date} with \`${results.command}\` on: ${machineLine(results)}`,
  ];
  const alone = results.irc === undefined && results.login13 === undefined;
  if (xmppRan(results) || alone) sections.push(xmppSections(results));
  if (results.login13 !== undefined) sections.push(renderLogin13(results.login13));
  if (results.irc !== undefined) sections.push(renderIrc(results.irc));
  return sections.join('\n\n');
}
