import type { PeerId } from '../peers';
import type { BenchResults, Skipped } from '../results';
import type { ScaleResult } from '../scenarios/scale';
import type { Better } from './format';

/** A value per peer; absent or undefined when the peer has none. */
export type PeerValues = { [K in PeerId]?: number | undefined };

/** One metric with a value per peer, as the summary table shows it. */
export interface MetricRow {
  readonly metric: string;
  readonly unit: string;
  readonly better: Better;
  readonly values: PeerValues;
}

function scaleValue(
  result: ScaleResult | Skipped | undefined,
  pick: (r: ScaleResult) => number,
): number | undefined {
  return result === undefined || 'skipped' in result ? undefined : pick(result);
}

/** The summary's rows: medians of every scenario, one value per peer. */
export function metricRows(results: BenchResults): MetricRow[] {
  const rows: MetricRow[] = [];
  for (const { mechanism, peers } of results.login) {
    const values: PeerValues = {};
    for (const [id, summary] of Object.entries(peers)) values[id as PeerId] = summary?.median;
    rows.push({ metric: `login, ${mechanism}`, unit: 'ms', better: 'lower', values });
  }
  const throughput: PeerValues = {};
  const ping: PeerValues = {};
  for (const [id, r] of Object.entries(results.throughput)) {
    throughput[id as PeerId] = r?.messagesPerSecond.median;
    ping[id as PeerId] = r?.pingMs.median;
  }
  rows.push({
    metric: 'messages, one connection',
    unit: 'msg/s',
    better: 'higher',
    values: throughput,
  });
  rows.push({ metric: 'ping round trip', unit: 'ms', better: 'lower', values: ping });
  for (const { accounts, peers } of results.scale) {
    const n = accounts.toLocaleString('en-US');
    const pick = (f: (r: ScaleResult) => number): PeerValues => {
      const values: PeerValues = {};
      for (const [id, r] of Object.entries(peers)) values[id as PeerId] = scaleValue(r, f);
      return values;
    };
    rows.push({
      metric: `memory per idle account (RSS), ${n}`,
      unit: 'KiB',
      better: 'lower',
      values: pick((r) => r.rssKiBPerAccount),
    });
    rows.push({
      metric: `memory per idle account (JS heap), ${n}`,
      unit: 'KiB',
      better: 'lower',
      values: pick((r) => r.heapKiBPerAccount),
    });
    rows.push({
      metric: `login rate, ${n} accounts`,
      unit: 'logins/s',
      better: 'higher',
      values: pick((r) => r.loginsPerSecond),
    });
  }
  const cold = results.coldStart;
  rows.push({
    metric: 'cold start (import + set up)',
    unit: 'ms',
    better: 'lower',
    values: {
      switchboard: cold.switchboard?.median,
      xmppjs: cold.xmppjs?.median,
      stanza: cold.stanza?.median,
    },
  });
  return rows;
}
