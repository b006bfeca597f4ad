import type { BenchServer, Peer, PeerId, PeerSession } from '../peers';
import { type Summary, summarize } from '../stats';
import { loginRequest } from './credentials';

/** Throughput and ping of one peer. */
export interface ThroughputResult {
  /** Messages per second, each sent and received on the same connection; one value per round. */
  readonly messagesPerSecond: Summary;
  /** XEP-0199 ping round trips to the server, in ms. */
  readonly pingMs: Summary;
}

export interface ThroughputPlan {
  /** Messages per round. */
  readonly messages: number;
  /** Rounds per peer (interleaved across peers). */
  readonly rounds: number;
  /** Pings per peer (interleaved in blocks). */
  readonly pings: number;
}

/**
 * Sends `count` chat messages to the session's own full JID as fast as the library accepts
 * them and resolves with messages per second, from the first send to the last arrival.
 */
function round(session: PeerSession, count: number, sink: { next?: () => void }): Promise<number> {
  return new Promise<number>((resolve) => {
    let received = 0;
    let start = 0;
    sink.next = () => {
      received++;
      if (received === count) resolve((count * 1000) / (performance.now() - start));
    };
    start = performance.now();
    for (let i = 0; i < count; i++) session.send(session.jid, `message ${i} of ${count}`);
  });
}

/**
 * One connection per peer (PLAIN), all open at once in one process; rounds and ping blocks
 * alternate between peers so drift hits all alike. The server routes messages to a full JID
 * straight back to that connection: each message crosses the wire twice.
 */
export async function measureThroughput(
  peers: readonly Peer[],
  server: BenchServer,
  plan: ThroughputPlan,
): Promise<Partial<Record<PeerId, ThroughputResult>>> {
  const sessions = new Map<PeerId, { session: PeerSession; sink: { next?: () => void } }>();
  for (const peer of peers) {
    const session = await peer.open(loginRequest(server, 'PLAIN'));
    const sink: { next?: () => void } = {};
    session.onMessage(() => sink.next?.());
    sessions.set(peer.id, { session, sink });
  }
  try {
    const rates = new Map<PeerId, number[]>();
    const pings = new Map<PeerId, number[]>();
    for (const [id, { session, sink }] of sessions) {
      await round(session, Math.min(500, plan.messages), sink); // warm-up
      rates.set(id, []);
      pings.set(id, []);
    }
    for (let r = 0; r < plan.rounds; r++) {
      for (const [id, { session, sink }] of rotate([...sessions], r)) {
        rates.get(id)?.push(await round(session, plan.messages, sink));
      }
    }
    const block = 20;
    for (let done = 0, b = 0; done < plan.pings; done += block, b++) {
      for (const [id, { session }] of rotate([...sessions], b)) {
        for (let i = 0; i < Math.min(block, plan.pings - done); i++) {
          const start = performance.now();
          await session.ping();
          pings.get(id)?.push(performance.now() - start);
        }
      }
    }
    const results: Partial<Record<PeerId, ThroughputResult>> = {};
    for (const id of sessions.keys()) {
      results[id] = {
        messagesPerSecond: summarize(rates.get(id) ?? []),
        pingMs: summarize(pings.get(id) ?? []),
      };
    }
    return results;
  } finally {
    for (const { session } of sessions.values()) await session.close();
  }
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % Math.max(1, items.length);
  return [...items.slice(k), ...items.slice(0, k)];
}
