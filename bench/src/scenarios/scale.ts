import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchServer, Peer } from '../peers';
import { loginRequest, scaleUser } from './credentials';

/** Many idle accounts in one process: how fast they log in and what each one costs. */
export interface ScaleResult {
  readonly accounts: number;
  /** Accounts online per second while logging in `concurrency` at a time. */
  readonly loginsPerSecond: number;
  /** Resident set size per online idle account, in KiB (after GC, relative to before login). */
  readonly rssKiBPerAccount: number;
  /** V8 heap used per online idle account, in KiB. */
  readonly heapKiBPerAccount: number;
  /** Memory outside the V8 heap (`external` + `arrayBuffers`) per account, in KiB. */
  readonly externalKiBPerAccount: number;
}

export interface ScalePlan {
  readonly accounts: number;
  /** Logins in flight at once (bounded, as a gateway would). */
  readonly concurrency: number;
  /** Idle time after the last login before memory is read, ms. */
  readonly settleMs: number;
}

interface Memory {
  readonly rss: number;
  readonly heap: number;
  readonly external: number;
}

async function memory(): Promise<Memory> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the scale scenario needs node --expose-gc');
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(50);
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, external: m.external + m.arrayBuffers };
}

/** Runs `task` over `count` indices with at most `limit` in flight; results in index order. */
export async function pool<T>(
  count: number,
  limit: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** An open connection, as far as the scale scenario needs one. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * Opens `plan.accounts` connections with `open(i)` (a distinct user each), `concurrency` at a
 * time, lets them sit idle, reads memory after GC, then closes them all. One peer per process,
 * so the memory read is that library's alone; the baseline is taken after `open(0)` was opened
 * and closed once (warm-up).
 */
export async function measureIdleAccounts(
  open: (i: number) => Promise<Closable>,
  plan: ScalePlan,
): Promise<ScaleResult> {
  const warm = await open(0);
  await warm.close();
  const before = await memory();
  const start = performance.now();
  const sessions: Closable[] = await pool(plan.accounts, plan.concurrency, open);
  const elapsed = performance.now() - start;
  await sleep(plan.settleMs);
  const after = await memory();
  await pool(sessions.length, 256, (i) => (sessions[i] as Closable).close());
  const perAccount = (bytes: number): number => bytes / 1024 / plan.accounts;
  return {
    accounts: plan.accounts,
    loginsPerSecond: (plan.accounts * 1000) / elapsed,
    rssKiBPerAccount: perAccount(after.rss - before.rss),
    heapKiBPerAccount: perAccount(after.heap - before.heap),
    externalKiBPerAccount: perAccount(after.external - before.external),
  };
}

/**
 * Logs in `accounts` distinct XMPP users (PLAIN) with one peer, `concurrency` at a time, as
 * {@link measureIdleAccounts} describes.
 */
export function measureScale(
  peer: Peer,
  server: BenchServer,
  plan: ScalePlan,
): Promise<ScaleResult> {
  return measureIdleAccounts((i) => peer.open(loginRequest(server, 'PLAIN', scaleUser(i))), plan);
}
