import type { IrcPeer, IrcPeerId, IrcPeerSession } from '../peers/ircPeers';
import { type Summary, summarize } from '../stats';
import { ircLogin, ircPair } from './ircCredentials';

/** Messages per second of one IRC peer, or why it has none. */
export type IrcThroughputResult =
  | {
      /** Messages per second from the first send to the last arrival; one value per round. */
      readonly messagesPerSecond: Summary;
      /** Messages per round, every one counted at the receiver. */
      readonly messages: number;
    }
  | { readonly failed: string };

export interface IrcThroughputPlan {
  /** Messages per round. */
  readonly messages: number;
  /** Rounds per peer (interleaved across peers). */
  readonly rounds: number;
}

/** The longest one round may take: far beyond any library, short of a flood-controlled one. */
const ROUND_LIMIT_MS = 60_000;

interface Pair {
  readonly sender: IrcPeerSession;
  readonly receiver: IrcPeerSession;
  readonly nick: string;
  readonly sink: { next?: (() => void) | undefined };
}

/**
 * Sends `count` PRIVMSGs to the receiver's nick as fast as the library accepts them and
 * resolves with messages per second, from the first send to the last arrival at the receiver.
 */
function round(pair: Pair, count: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let received = 0;
    const timer = setTimeout(() => {
      pair.sink.next = undefined;
      reject(new Error(`${received} of ${count} messages arrived in ${ROUND_LIMIT_MS / 1000} s`));
    }, ROUND_LIMIT_MS);
    pair.sink.next = () => {
      received++;
      if (received < count) return;
      clearTimeout(timer);
      pair.sink.next = undefined;
      resolve((count * 1000) / (performance.now() - start));
    };
    const start = performance.now();
    for (let i = 0; i < count; i++) pair.sender.send(pair.nick, `message ${i} of ${count}`);
  });
}

async function openPair(peer: IrcPeer): Promise<Pair> {
  const names = ircPair(peer.id);
  const receiver = await peer.open(ircLogin('PLAIN', names.receiver));
  const sender = await peer.open(ircLogin('PLAIN', names.sender)).catch(async (error) => {
    await receiver.close();
    throw error;
  });
  const sink: Pair['sink'] = {};
  receiver.onMessage(() => sink.next?.());
  return { sender, receiver, nick: names.receiver, sink };
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Per peer a sender and a receiver connection (two accounts, PLAIN) on the same server, all open
 * at once in one process; each round the sender sends `messages` PRIVMSGs to the receiver's nick
 * and the round ends when the receiver has counted every one. Rounds alternate between peers so
 * drift hits all alike; a 500-message round first warms up. A peer whose round does not complete
 * (a message lost, a connection closed, flood control holding it back) gets the reason instead
 * of numbers, and the others go on.
 */
export async function measureIrcThroughput(
  peers: readonly IrcPeer[],
  plan: IrcThroughputPlan,
): Promise<Partial<Record<IrcPeerId, IrcThroughputResult>>> {
  const results: Partial<Record<IrcPeerId, IrcThroughputResult>> = {};
  const pairs = new Map<IrcPeerId, Pair>();
  const rates = new Map<IrcPeerId, number[]>();
  const close = async (id: IrcPeerId): Promise<void> => {
    const pair = pairs.get(id);
    pairs.delete(id);
    await pair?.sender.close().catch(() => undefined);
    await pair?.receiver.close().catch(() => undefined);
  };
  const fail = (id: IrcPeerId, error: unknown): Promise<void> => {
    results[id] = { failed: reason(error) };
    return close(id);
  };
  try {
    for (const peer of peers) {
      try {
        const pair = await openPair(peer);
        pairs.set(peer.id, pair);
        await round(pair, Math.min(500, plan.messages));
        rates.set(peer.id, []);
      } catch (error) {
        await fail(peer.id, error);
      }
    }
    for (let r = 0; r < plan.rounds; r++) {
      const order = [...pairs];
      const k = r % Math.max(1, order.length);
      for (const [id, pair] of [...order.slice(k), ...order.slice(0, k)]) {
        await round(pair, plan.messages).then(
          (rate) => rates.get(id)?.push(rate),
          (error: unknown) => fail(id, error),
        );
      }
    }
    for (const id of pairs.keys()) {
      results[id] = {
        messagesPerSecond: summarize(rates.get(id) ?? []),
        messages: plan.messages,
      };
    }
    return results;
  } finally {
    for (const id of [...pairs.keys()]) await close(id);
  }
}
