import type { ErgoAccount } from '@switchboard/testing';
import type { IrcLoginRequest, IrcPeerId } from '../peers/ircPeers';
import { IRC_PEER_IDS } from '../peers/ircPeers';
import { PASSWORD, scaleUser, USER } from './credentials';

/** A short nick tag per peer: each peer has its own sender and receiver accounts. */
const TAGS: Record<IrcPeerId, string> = { switchboard: 'sb', 'irc-framework': 'ircfw' };

/** The throughput sender and receiver accounts (also their nicks) of `peer`. */
export function ircPair(peer: IrcPeerId): { sender: string; receiver: string } {
  return { sender: `${TAGS[peer]}-tx`, receiver: `${TAGS[peer]}-rx` };
}

/** A login of `account` (default the latency user) with `mechanism`. */
export function ircLogin(mechanism: string, account: string = USER): IrcLoginRequest {
  return { mechanism, account, password: PASSWORD };
}

/**
 * Every account the IRC scenarios log in: the latency user, a sender and a receiver per peer,
 * and `scaleUsers` idle users (`u0`, `u1`, … as on the XMPP side).
 */
export function ircAccounts(scaleUsers: number): ErgoAccount[] {
  const names = [
    USER,
    ...IRC_PEER_IDS.flatMap((id) => Object.values(ircPair(id))),
    ...Array.from({ length: scaleUsers }, (_, i) => scaleUser(i)),
  ];
  return names.map((name) => ({ name, password: PASSWORD }));
}
