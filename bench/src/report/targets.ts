import type { BenchResults } from '../results';
import { advantage, num, ratio } from './format';
import { type MetricRow, metricRows } from './rows';

/** One of the targets the benchmark checks, with what this run measured. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | undefined;
}

const find = (rows: readonly MetricRow[], metric: string): MetricRow | undefined =>
  rows.find((r) => r.metric === metric);

function against(row: MetricRow | undefined, peer: 'xmppjs' | 'stanza'): number | undefined {
  return row === undefined
    ? undefined
    : advantage(row.values.switchboard, row.values[peer], row.better);
}

/** The project's performance targets, checked against one run. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const rows = metricRows(results);
  const checks: TargetCheck[] = [];
  const token = against(find(rows, 'login, OAUTHBEARER'), 'xmppjs');
  checks.push({
    target: 'token login (OAUTHBEARER) within 5 % of @xmpp/client',
    measured: ratio(token),
    met: token === undefined ? undefined : token >= 0.95,
  });
  const throughput = against(find(rows, 'messages, one connection'), 'xmppjs');
  checks.push({
    target: 'throughput within 5 % of @xmpp/client',
    measured: ratio(throughput),
    met: throughput === undefined ? undefined : throughput >= 0.95,
  });
  const scram = against(find(rows, 'login, SCRAM-SHA-1'), 'xmppjs');
  checks.push({
    target: 'SCRAM login ≥ 20× faster than @xmpp/client (10,000 iterations)',
    measured: ratio(scram),
    met: scram === undefined ? undefined : scram >= 20,
  });
  for (const row of rows.filter((r) => r.metric.startsWith('memory per idle account (RSS)'))) {
    const a = against(row, 'xmppjs');
    checks.push({
      target: `${row.metric}: within 10 % of @xmpp/client`,
      measured:
        a === undefined
          ? '—'
          : `${num(row.values.switchboard)} vs ${num(row.values.xmppjs)} KiB (${ratio(a)})`,
      met: a === undefined ? undefined : a >= 1 / 1.1,
    });
  }
  const cold = results.coldStart;
  const sb = cold.switchboard?.median;
  const xmppjs = cold.xmppjs?.median;
  checks.push({
    target: 'cold start at or below @xmpp/client (same run)',
    measured: sb === undefined || xmppjs === undefined ? '—' : `${num(sb)} vs ${num(xmppjs)} ms`,
    met: sb === undefined || xmppjs === undefined ? undefined : sb <= xmppjs,
  });
  const help = cold['cli-help']?.median;
  checks.push({
    target: '`switchboard --help` under 150 ms (whole process)',
    measured: help === undefined ? '—' : `${num(help)} ms`,
    met: help === undefined ? undefined : help < 150,
  });
  const behind = rows.filter((r) => {
    const a = against(r, 'stanza');
    return a !== undefined && a < 1;
  });
  checks.push({
    target: 'ahead of StanzaJS on every row',
    measured:
      behind.length === 0
        ? 'ahead on every row'
        : `behind on: ${behind.map((r) => r.metric).join('; ')}`,
    met: behind.length === 0,
  });
  return checks;
}
