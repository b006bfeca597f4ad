import type { IrcPeerId } from '../peers/ircPeers';
import type { IrcResults, Skipped } from '../results';
import type { ScaleResult } from '../scenarios/scale';
import type { Better } from './format';

/** One IRC metric with a value per peer, as the IRC summary table shows it. */
export interface IrcMetricRow {
  readonly metric: string;
  readonly unit: string;
  readonly better: Better;
  readonly values: { [K in IrcPeerId]?: number | undefined };
  /** What makes the comparison not like for like, if anything (shown under the table). */
  readonly note?: string;
}

/** The IRC summary's rows: medians of every IRC scenario, one value per peer. */
export function ircMetricRows(irc: IrcResults): IrcMetricRow[] {
  const rows: IrcMetricRow[] = [];
  for (const { mechanism, peers } of irc.login) {
    const values: IrcMetricRow['values'] = {};
    const standIns: string[] = [];
    for (const [id, cell] of Object.entries(peers) as [IrcPeerId, (typeof peers)[IrcPeerId]][]) {
      values[id] = cell?.summary.median;
      if (cell !== undefined && cell.mechanism !== mechanism) {
        standIns.push(`${id}: ${cell.mechanism}, it has no ${mechanism}`);
      }
    }
    const metric =
      standIns.length === 0
        ? `IRC login, ${mechanism}`
        : `IRC login, ${mechanism} (${standIns.join('; ')})`;
    rows.push({
      metric,
      unit: 'ms',
      better: 'lower',
      values,
      ...(standIns.length === 0
        ? {}
        : {
            note: `${metric}: logins of the stand-in mechanism, timed in the same interleaved rounds, as a reference; the ratio is not like for like.`,
          }),
    });
  }
  const throughput: IrcMetricRow['values'] = {};
  for (const [id, r] of Object.entries(irc.throughput)) {
    throughput[id as IrcPeerId] =
      r === undefined || 'failed' in r ? undefined : r.messagesPerSecond.median;
  }
  rows.push({
    metric: 'IRC messages, one connection to another',
    unit: 'msg/s',
    better: 'higher',
    values: throughput,
  });
  for (const { accounts, peers } of irc.scale) {
    const n = accounts.toLocaleString('en-US');
    const pick = (f: (r: ScaleResult) => number): IrcMetricRow['values'] => {
      const values: IrcMetricRow['values'] = {};
      for (const [id, r] of Object.entries(peers) as [
        IrcPeerId,
        ScaleResult | Skipped | undefined,
      ][]) {
        values[id] = r === undefined || 'skipped' in r ? undefined : f(r);
      }
      return values;
    };
    rows.push({
      metric: `IRC memory per idle account (RSS), ${n}`,
      unit: 'KiB',
      better: 'lower',
      values: pick((r) => r.rssKiBPerAccount),
    });
    rows.push({
      metric: `IRC memory per idle account (JS heap), ${n}`,
      unit: 'KiB',
      better: 'lower',
      values: pick((r) => r.heapKiBPerAccount),
    });
    rows.push({
      metric: `IRC login rate, ${n} accounts`,
      unit: 'logins/s',
      better: 'higher',
      values: pick((r) => r.loginsPerSecond),
    });
  }
  return rows;
}
