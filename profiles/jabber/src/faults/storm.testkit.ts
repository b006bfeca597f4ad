/**
 * Pieces of the storm tests: steady numbered traffic from one account to another, the verdict
 * every storm asserts (nothing lost, duplicated, reordered or left unreported), and the figures
 * printed with `SB_FAULT_FIGURES=1`.
 */
import type { Account, ReconnectedInfo } from '@switchboard/core';
import type { LedgerReport, MessageLedger } from '@switchboard/testing';
import { DOMAIN, pause } from './faultKit.testkit';

/** Sends from `from` to `to`'s bare address every `everyMs` until stopped. */
export interface Traffic {
  /** Stops sending; resolves once the loop has ended. */
  stop(): Promise<void>;
}

/** Starts `from` sending numbered messages to `to` (a user on {@link DOMAIN}) through `ledger`. */
export function startTraffic(
  ledger: MessageLedger,
  from: Account,
  sender: string,
  to: 'alice' | 'bob',
  everyMs = 20,
): Traffic {
  let running = true;
  const loop = (async () => {
    while (running) {
      ledger.send(sender, (body) => from.sendMessage({ to: `${to}@${DOMAIN}`, body }));
      await pause(everyMs);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** What every storm asserts: all zero. */
export interface Verdict {
  readonly lost: number;
  readonly duplicated: number;
  readonly reordered: number;
  readonly unreported: number;
  readonly pending: number;
  /** Rejections without a SwitchboardError code. */
  readonly uncoded: number;
  readonly unknown: number;
}

/** The all-zero verdict of a storm that went right. */
export const CLEAN: Verdict = {
  lost: 0,
  duplicated: 0,
  reordered: 0,
  unreported: 0,
  pending: 0,
  uncoded: 0,
  unknown: 0,
};

export function verdict(report: LedgerReport): Verdict {
  const uncoded = Object.entries(report.rejected)
    .filter(([code]) => !code.startsWith('SB_'))
    .reduce((n, [, count]) => n + count, 0);
  return {
    lost: report.lost,
    duplicated: report.duplicated,
    reordered: report.reordered,
    unreported: report.unreported,
    pending: report.pending,
    uncoded,
    unknown: report.unknown,
  };
}

/**
 * Waits for every send to settle and every resolved one to arrive, then `quietMs` more for late
 * duplicates, and returns the final report. The wait ends as soon as everything arrived; the
 * generous limit is for a loaded machine, where bytes split one per read crawl.
 */
export async function settle(
  ledger: MessageLedger,
  timeoutMs = 30_000,
  quietMs = 300,
): Promise<LedgerReport> {
  await ledger.settled(timeoutMs);
  await ledger.waitForDelivery(timeoutMs);
  await pause(quietMs);
  return ledger.report();
}

/** Waits until `done()` holds, or `ms` passed (the caller's assertion then says what is missing). */
export async function until(done: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await pause(5);
}

/**
 * Waits until each list of `reconnected` events (from `reconnects()`) has at least `count`
 * entries: an account that was just reset may still say `online` before it noticed.
 */
export async function untilReconnected(
  lists: readonly (readonly ReconnectedInfo[])[],
  count: number,
  ms = 15_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (lists.some((l) => l.length < count)) {
    if (Date.now() > deadline) {
      throw new Error(`reconnected ${lists.map((l) => l.length).join('/')} of ${count} times`);
    }
    await pause(5);
  }
}

/**
 * The storm's figures for docs/reliability.md: counts, lost blocks with when their first message
 * was sent relative to the nearest fault, reconnect counts and downtimes.
 */
export function figures(
  name: string,
  report: LedgerReport,
  faultsAt: readonly number[],
  back: Readonly<Record<string, readonly ReconnectedInfo[]>>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  // Signed: a block whose first message went out just before a fault has a negative offset.
  const fromNearestFault = (t: number): number | undefined =>
    faultsAt.reduce<number | undefined>(
      (best, f) => (best === undefined || Math.abs(t - f) < Math.abs(best) ? t - f : best),
      undefined,
    );
  const reconnects = Object.fromEntries(
    Object.entries(back).map(([who, list]) => {
      const downtimes = list.map((r) => r.downtimeMs).sort((a, b) => a - b);
      return [
        who,
        {
          count: list.length,
          resumed: list.filter((r) => r.resumed).length,
          downtimeMsMedian: downtimes[Math.floor(downtimes.length / 2)],
          downtimeMsMax: downtimes.at(-1),
        },
      ];
    }),
  );
  const { lostBlocks, ...counts } = report;
  return {
    storm: name,
    faults: faultsAt.length,
    ...counts,
    lostBlocks: lostBlocks.length,
    lostBlockSizes: lostBlocks.map((b) => b.last - b.first + 1),
    lostBlockMsFromFault: lostBlocks.map((b) => fromNearestFault(b.sentAt)),
    reconnects,
    ...extra,
  };
}

/** Prints `figures` as one JSON line when `SB_FAULT_FIGURES` is set. */
export function printFigures(values: Record<string, unknown>): void {
  if (process.env.SB_FAULT_FIGURES !== undefined) console.log(JSON.stringify(values));
}
