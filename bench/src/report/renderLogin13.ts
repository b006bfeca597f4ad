import type { PeerId } from '../peers';
import type { Login13Results, Login13Row } from '../scenarios/login13';
import type { Summary } from '../stats';
import { advantage, num, ratio, table } from './format';

const summary = (s: Summary | undefined): string =>
  s === undefined ? '—' : `${num(s.median)} / ${num(s.p95)}`;

/** A peer's timings, or why it has none: it failed, or (—) it cannot log in that way. */
const cell = (row: Login13Row, peer: PeerId): string => {
  const failed = row.failed[peer];
  return failed === undefined ? summary(row.peers[peer]) : `failed: ${failed.replaceAll('|', '/')}`;
};

const trips = (row: Login13Row, peer: PeerId): string => {
  const seen = row.roundTrips?.[peer];
  return seen === undefined || seen.length === 0 ? '—' : seen.join(', ');
};

const median = (rows: readonly Login13Row[], id: string, peer: PeerId = 'switchboard') =>
  rows.find((r) => r.id === id)?.peers[peer]?.median;

function vs(row: Login13Row): string {
  return ratio(advantage(row.peers.switchboard?.median, row.peers.xmppjs?.median, 'lower'));
}

function loopbackTable(rows: readonly Login13Row[]): string {
  return table(
    [
      'login',
      'Switchboard median / p95 (ms)',
      '@xmpp/client median / p95 (ms)',
      'vs @xmpp/client',
      'Switchboard’s mechanism',
    ],
    rows.map((r) => [
      r.title,
      cell(r, 'switchboard'),
      cell(r, 'xmppjs'),
      vs(r),
      r.mechanisms.switchboard ?? '—',
    ]),
  );
}

function delayedTable(rows: readonly Login13Row[]): string {
  return table(
    [
      'login',
      'Switchboard median / p95 (ms)',
      'round trips',
      '@xmpp/client median / p95 (ms)',
      'round trips',
      'vs @xmpp/client',
    ],
    rows.map((r) => [
      r.title,
      cell(r, 'switchboard'),
      trips(r, 'switchboard'),
      cell(r, 'xmppjs'),
      trips(r, 'xmppjs'),
      vs(r),
    ]),
  );
}

/** One of the Prosody 13 login targets, with what the run measured. */
export interface Login13Target {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | undefined;
}

/** The login targets of the issue, checked against one run. */
export function checkLogin13Targets(results: Login13Results): Login13Target[] {
  const { direct, delayed, plan } = results;
  const fast = (
    [
      ['STARTTLS', 'fast'],
      ['direct TLS', 'fast-direct'],
    ] as const
  ).flatMap(([label, id]) => {
    const sb = median(direct, id);
    const x = median(direct, id, 'xmppjs');
    return sb === undefined || x === undefined ? [] : [{ label, sb, x }];
  });
  const delayedFast = median(delayed, 'fast-direct');
  const delayedFastStarttls = median(delayed, 'fast');
  const delayedClassic = median(delayed, 'classic-scram');
  const cached = median(direct, 'scram-cached');
  const plain = median(direct, 'plain-reconnect');
  const known = (...values: (number | undefined)[]): boolean =>
    values.every((v) => v !== undefined);
  return [
    {
      target: 'FAST reconnect at or below @xmpp/client’s FAST (same run)',
      measured:
        fast.length === 0
          ? '—'
          : fast.map((f) => `${f.label} ${num(f.sb)} vs ${num(f.x)} ms`).join('; '),
      met: fast.length === 0 ? undefined : fast.every((f) => f.sb <= f.x),
    },
    {
      target: `delayed link (${plan.delayMs} ms each way): FAST reconnect at most half of the classic login (STARTTLS, SCRAM-SHA-256)`,
      measured: known(delayedFast, delayedFastStarttls, delayedClassic)
        ? `direct TLS ${num(delayedFast)} ms (${ratio((delayedClassic ?? 0) / (delayedFast ?? 1))} faster), STARTTLS ${num(delayedFastStarttls)} ms, vs classic ${num(delayedClassic)} ms`
        : '—',
      met:
        delayedFast === undefined || delayedClassic === undefined
          ? undefined
          : delayedFast <= delayedClassic / 2,
    },
    {
      target: 'SCRAM-SHA-256 reconnect with the key cache within 10 % of PLAIN (same account)',
      measured: known(cached, plain)
        ? `${num(cached)} vs ${num(plain)} ms (${num(((cached ?? 0) / (plain ?? 1) - 1) * 100, 1)} %)`
        : '—',
      met: cached === undefined || plain === undefined ? undefined : cached <= plain * 1.1,
    },
  ];
}

/** The Prosody 13 login section of docs/performance.md. */
export function renderLogin13(results: Login13Results): string {
  const { plan } = results;
  return [
    '### Logins on Prosody 13: classic, SASL2 + Bind2, FAST, SCRAM key cache',
    '',
    `Switchboard and \`@xmpp/client\` 0.14 (its own SASL2, Bind2 and FAST) over TCP, connect →`,
    `online; ${plan.runs} logins per peer and row straight to Prosody, ${plan.delayedRuns} through`,
    `the testing kit's wire tap adding ${plan.delayMs} ms each way, where each login's round trips`,
    'are counted on the wire. "Classic" runs on a Prosody without SASL2; the rest on one with',
    '`mod_sasl2`, `mod_sasl2_bind2`, `mod_sasl2_sm` and `mod_sasl2_fast`; both with Prosody’s',
    'default `internal_hashed` backend (SCRAM-SHA-256 keys stored, 10,000 iterations). A reconnect logs the',
    'same account in again (its FAST token, user-agent id and SCRAM keys kept); every other login',
    'starts from nothing. A dash (—) marks a peer that cannot log in that way.',
    '',
    '#### Targets',
    '',
    table(
      ['target', 'this run', 'met'],
      checkLogin13Targets(results).map((c) => [
        c.target,
        c.measured,
        c.met === undefined ? '—' : c.met ? 'yes' : '**no**',
      ]),
    ),
    '',
    '#### Straight to Prosody on loopback',
    '',
    loopbackTable(results.direct),
    '',
    `#### Through a link with ${plan.delayMs} ms each way`,
    '',
    delayedTable(results.delayed),
  ].join('\n');
}
