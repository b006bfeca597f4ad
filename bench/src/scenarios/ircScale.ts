import type { IrcPeer } from '../peers/ircPeers';
import { scaleUser } from './credentials';
import { ircLogin } from './ircCredentials';
import { measureIdleAccounts, type ScalePlan, type ScaleResult } from './scale';

/**
 * `plan.accounts` distinct IRC accounts (`u0`, `u1`, …) log in with SASL PLAIN and register with
 * one peer, `concurrency` at a time, then sit idle; memory per account after GC, as the XMPP
 * scale scenario measures it ({@link measureIdleAccounts}).
 */
export function measureIrcScale(peer: IrcPeer, plan: ScalePlan): Promise<ScaleResult> {
  return measureIdleAccounts((i) => peer.open(ircLogin('PLAIN', scaleUser(i))), plan);
}
