import type { IrcPeer, IrcPeerId } from '../peers/ircPeers';
import { type Summary, summarize } from '../stats';
import { ircLogin } from './ircCredentials';
import type { LoginPlan } from './login';

/** One peer's logins in an IRC login row, and the mechanism it actually used. */
export interface IrcLoginCell {
  readonly mechanism: string;
  readonly summary: Summary;
}

/**
 * IRC login latency of one mechanism. A peer without the mechanism logs in with PLAIN instead,
 * in the same interleaved rounds, as a reference (irc-framework has no SCRAM); its cell says so.
 */
export interface IrcLoginRow {
  readonly mechanism: string;
  readonly peers: Partial<Record<IrcPeerId, IrcLoginCell>>;
}

const WARM_UP = 3;

async function timeLogin(peer: IrcPeer, mechanism: string): Promise<number> {
  const start = performance.now();
  const session = await peer.open(ircLogin(mechanism));
  const elapsed = performance.now() - start;
  await session.close();
  return elapsed;
}

/**
 * TLS connect → registered (RPL_WELCOME after SASL) per mechanism, every peer in one process,
 * interleaved with the order rotating per round, three untimed logins per peer first; as the
 * XMPP login scenario does.
 */
export async function measureIrcLogins(
  peers: readonly IrcPeer[],
  plans: readonly LoginPlan[],
): Promise<IrcLoginRow[]> {
  const rows: IrcLoginRow[] = [];
  for (const { mechanism, runs } of plans) {
    const able = peers
      .map((peer) => ({
        peer,
        used: peer.supports(mechanism) ? mechanism : peer.supports('PLAIN') ? 'PLAIN' : undefined,
      }))
      .filter((p): p is { peer: IrcPeer; used: string } => p.used !== undefined);
    const samples = new Map<IrcPeerId, number[]>(able.map((p) => [p.peer.id, []]));
    for (let i = 0; i < WARM_UP; i++) {
      for (const { peer, used } of able) await timeLogin(peer, used);
    }
    for (let round = 0; round < runs; round++) {
      for (let k = 0; k < able.length; k++) {
        const { peer, used } = able[(round + k) % able.length] as (typeof able)[number];
        samples.get(peer.id)?.push(await timeLogin(peer, used));
      }
    }
    const cells: Partial<Record<IrcPeerId, IrcLoginCell>> = {};
    for (const { peer, used } of able) {
      cells[peer.id] = { mechanism: used, summary: summarize(samples.get(peer.id) ?? []) };
    }
    rows.push({ mechanism, peers: cells });
  }
  return rows;
}
