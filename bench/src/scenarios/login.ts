import type { BenchServer, Peer, PeerId } from '../peers';
import { type Summary, summarize } from '../stats';
import { loginRequest } from './credentials';

/** Login latency of one mechanism: a summary per peer that supports it. */
export interface LoginRow {
  readonly mechanism: string;
  readonly peers: Partial<Record<PeerId, Summary>>;
}

/** What one login scenario runs: each mechanism with its number of timed logins. */
export interface LoginPlan {
  readonly mechanism: string;
  readonly runs: number;
}

const WARM_UP = 3;

async function timeLogin(peer: Peer, server: BenchServer, mechanism: string): Promise<number> {
  const start = performance.now();
  const session = await peer.open(loginRequest(server, mechanism));
  const elapsed = performance.now() - start;
  await session.close();
  return elapsed;
}

/**
 * Connect → online per mechanism, every peer in one process, interleaved: each round logs in
 * once with every peer, and the order rotates per round so drift on a shared machine hits all
 * alike. Three untimed logins per peer first (JIT, TLS session setup, module loading).
 */
export async function measureLogins(
  peers: readonly Peer[],
  server: BenchServer,
  plans: readonly LoginPlan[],
): Promise<LoginRow[]> {
  const rows: LoginRow[] = [];
  for (const { mechanism, runs } of plans) {
    const able = peers.filter((p) => p.supports(mechanism));
    const samples = new Map<PeerId, number[]>(able.map((p) => [p.id, []]));
    for (let i = 0; i < WARM_UP; i++) {
      for (const peer of able) await timeLogin(peer, server, mechanism);
    }
    for (let round = 0; round < runs; round++) {
      for (let k = 0; k < able.length; k++) {
        const peer = able[(round + k) % able.length] as Peer;
        samples.get(peer.id)?.push(await timeLogin(peer, server, mechanism));
      }
    }
    const summaries: Partial<Record<PeerId, Summary>> = {};
    for (const [id, values] of samples) summaries[id] = summarize(values);
    rows.push({ mechanism, peers: summaries });
  }
  return rows;
}
