/**
 * Test helpers for fault runs on ergo: numbered traffic from one account to another through a
 * {@link MessageLedger}, the all-zero verdict, and waits for reconnects and delivery.
 */
import type { Account, AccountConfig, ReconnectedInfo } from '@switchboard/core';
import type { LedgerReport, MessageLedger } from '@switchboard/testing';

/** Reconnect fast and notice a dead link within a second or so. */
export const QUICK: Partial<AccountConfig> = {
  reconnect: { initialDelayMs: 50, maxDelayMs: 200, jitter: 0.2 },
  liveness: { keepaliveMs: 200, keepalive: 'probe', probeAfterMs: 300, probeTimeoutMs: 500 },
  timeoutMs: 3_000,
};

export const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Steady numbered traffic; {@link Traffic.stop} ends it. */
export interface Traffic {
  stop(): Promise<void>;
}

/**
 * Sends `from` → `to` every `everyMs` through `ledger` until stopped; `rejected` sees each
 * rejection.
 */
export function startTraffic(
  ledger: MessageLedger,
  from: Account,
  to: string,
  everyMs = 20,
  rejected: (error: unknown) => void = () => undefined,
): Traffic {
  let running = true;
  const loop = (async () => {
    while (running) {
      ledger.send('sender', (body) =>
        from.sendMessage({ to, body }).catch((error: unknown) => {
          rejected(error);
          throw error;
        }),
      );
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

/** Collects `reconnected` events of `account`. */
export function reconnects(account: Account): ReconnectedInfo[] {
  const seen: ReconnectedInfo[] = [];
  account.on('reconnected', (info) => seen.push(info));
  return seen;
}

/** Waits until `list` has at least `count` entries; throws after `ms`. */
export async function untilCount(
  list: readonly unknown[],
  count: number,
  ms = 15_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (list.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${list.length} of ${count} within ${ms} ms`);
    await pause(5);
  }
}

/** Waits until the account is online. */
export async function untilOnline(account: Account, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (account.state !== 'online') {
    if (Date.now() > deadline) throw new Error(`still ${account.state} after ${ms} ms`);
    await pause(10);
  }
}

/** What every run asserts: all zero. */
export function verdict(report: LedgerReport): Record<string, number> {
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

export const CLEAN = {
  lost: 0,
  duplicated: 0,
  reordered: 0,
  unreported: 0,
  pending: 0,
  uncoded: 0,
  unknown: 0,
};

/** Waits for every send to settle and every resolved one to arrive, then a quiet spell. */
export async function settle(ledger: MessageLedger, timeoutMs = 30_000): Promise<LedgerReport> {
  await ledger.settled(timeoutMs);
  await ledger.waitForDelivery(timeoutMs);
  await pause(300);
  return ledger.report();
}

/** Prints a run's counts (for the report) with `SB_FAULT_FIGURES=1`. */
export function printFigures(name: string, report: LedgerReport): void {
  if (process.env.SB_FAULT_FIGURES !== '1') return;
  const { lostBlocks: _, ...counts } = report;
  process.stdout.write(`${JSON.stringify({ run: name, ...counts })}\n`);
}
