import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchServer, Peer, PeerSession } from '../peers';
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

/** Runs `task` over `count` indices with at most `limit` in flight. */
async function pool<T>(
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

/**
 * Logs in `accounts` distinct users (PLAIN) with one peer, `concurrency` at a time, lets them
 * sit idle, reads memory after GC, then closes every stream. One peer per process, so the
 * memory read is that library's alone; the baseline is taken after one warm-up login.
 */
export async function measureScale(
  peer: Peer,
  server: BenchServer,
  plan: ScalePlan,
): Promise<ScaleResult> {
  const warm = await peer.open(loginRequest(server, 'PLAIN', scaleUser(0)));
  await warm.close();
  const before = await memory();
  const start = performance.now();
  const sessions: PeerSession[] = await pool(plan.accounts, plan.concurrency, (i) =>
    peer.open(loginRequest(server, 'PLAIN', scaleUser(i))),
  );
  const elapsed = performance.now() - start;
  await sleep(plan.settleMs);
  const after = await memory();
  await pool(sessions.length, 256, (i) => (sessions[i] as PeerSession).close());
  const perAccount = (bytes: number): number => bytes / 1024 / plan.accounts;
  return {
    accounts: plan.accounts,
    loginsPerSecond: (plan.accounts * 1000) / elapsed,
    rssKiBPerAccount: perAccount(after.rss - before.rss),
    heapKiBPerAccount: perAccount(after.heap - before.heap),
    externalKiBPerAccount: perAccount(after.external - before.external),
  };
}
