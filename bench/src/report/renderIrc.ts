import type { IrcPeerId } from '../peers/ircPeers';
import type { IrcResults } from '../results';
import type { Summary } from '../stats';
import { advantage, num, ratio, table } from './format';
import { ircMetricRows } from './ircRows';

const COLUMNS: readonly { readonly id: IrcPeerId; readonly title: string }[] = [
  { id: 'switchboard', title: 'Switchboard' },
  { id: 'irc-framework', title: 'irc-framework 4.14' },
];

const cell = (s: Summary | undefined): string =>
  s === undefined ? '—' : `${num(s.median)} / ${num(s.p95)}`;

function summaryTable(irc: IrcResults): string {
  const rows = ircMetricRows(irc);
  const notes = rows.flatMap((r) => (r.note === undefined ? [] : [`- ${r.note}`]));
  return [
    table(
      ['', 'unit', ...COLUMNS.map((c) => c.title), 'vs irc-framework'],
      rows.map((row) => [
        row.metric,
        row.unit,
        ...COLUMNS.map((c) => num(row.values[c.id])),
        ratio(advantage(row.values.switchboard, row.values['irc-framework'], row.better)),
      ]),
    ),
    ...(notes.length === 0 ? [] : ['', ...notes]),
  ].join('\n');
}

function loginTable(irc: IrcResults): string {
  return table(
    ['mechanism', 'runs', ...COLUMNS.map((c) => `${c.title} median / p95 (ms)`)],
    irc.login.map((row) => [
      row.mechanism,
      String(Object.values(row.peers)[0]?.summary.runs ?? 0),
      ...COLUMNS.map((c) => {
        const peer = row.peers[c.id];
        if (peer === undefined) return '—';
        const text = cell(peer.summary);
        return peer.mechanism === row.mechanism ? text : `${text} (${peer.mechanism})`;
      }),
    ]),
  );
}

function throughputTable(irc: IrcResults): string {
  return table(
    ['peer', 'msg/s median / p95', 'rounds', 'messages per round'],
    COLUMNS.flatMap((c) => {
      const r = irc.throughput[c.id];
      if (r === undefined) return [];
      if ('failed' in r) return [[c.title, `failed: ${r.failed}`, '', '']];
      return [
        [
          c.title,
          cell(r.messagesPerSecond),
          String(r.messagesPerSecond.runs),
          r.messages.toLocaleString('en-US'),
        ],
      ];
    }),
  );
}

function scaleTable(irc: IrcResults): string {
  const rows: string[][] = [];
  for (const { accounts, peers } of irc.scale) {
    for (const c of COLUMNS) {
      const r = peers[c.id];
      if (r === undefined) continue;
      const n = accounts.toLocaleString('en-US');
      if ('skipped' in r) {
        rows.push([n, c.title, r.skipped, '', '', '']);
        continue;
      }
      rows.push([
        n,
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

/** The IRC part of docs/performance.md for one run: Switchboard against irc-framework. */
export function renderIrc(irc: IrcResults): string {
  const missing = irc.unavailable.map(
    (u) =>
      `- ${COLUMNS.find((c) => c.id === u.id)?.title ?? u.id}: not measured, ${u.unavailable}.`,
  );
  return [
    '### IRC: Switchboard against irc-framework',
    '',
    `On ergo ${irc.ergo} (loopback, direct TLS, SASL; fakelag off, send queue 16 MiB), in the`,
    'same run. Ratios as above: Switchboard’s advantage over irc-framework.',
    ...(missing.length === 0 ? [] : ['', ...missing]),
    '',
    summaryTable(irc),
    '',
    '#### IRC login latency, TLS connect → registered (001)',
    '',
    loginTable(irc),
    '',
    '#### IRC throughput, a sender to a receiver, counted at the receiver',
    '',
    throughputTable(irc),
    '',
    '#### Many idle IRC accounts in one process',
    '',
    scaleTable(irc),
  ].join('\n');
}
