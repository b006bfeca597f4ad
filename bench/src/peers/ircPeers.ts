import type { IrcBenchServer, IrcPeer, IrcPeerId, IrcPeerUnavailable } from './IrcPeer';
import { ircFrameworkPeer } from './ircFrameworkPeer';
import { switchboardIrcPeer } from './switchboardIrcPeer';

export type {
  IrcBenchServer,
  IrcLoginRequest,
  IrcPeer,
  IrcPeerId,
  IrcPeerSession,
  IrcPeerUnavailable,
} from './IrcPeer';
export { IRC_PEER_IDS } from './IrcPeer';

/** The IRC peer named `id`, set up against `server`, or why it cannot run in this build. */
export function createIrcPeer(
  id: IrcPeerId,
  server: IrcBenchServer,
): Promise<IrcPeer | IrcPeerUnavailable> {
  switch (id) {
    case 'switchboard':
      return switchboardIrcPeer(server);
    case 'irc-framework':
      return Promise.resolve(ircFrameworkPeer(server));
  }
}

/** The peers of `ids` that can run, and the ones that cannot with their reasons. */
export async function createIrcPeers(
  ids: readonly IrcPeerId[],
  server: IrcBenchServer,
): Promise<{ peers: IrcPeer[]; unavailable: IrcPeerUnavailable[] }> {
  const peers: IrcPeer[] = [];
  const unavailable: IrcPeerUnavailable[] = [];
  for (const id of ids) {
    const peer = await createIrcPeer(id, server);
    if ('unavailable' in peer) unavailable.push(peer);
    else peers.push(peer);
  }
  return { peers, unavailable };
}
