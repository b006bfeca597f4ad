import type { BenchServer, Peer, PeerId } from './Peer';
import { stanzaPeer } from './stanzaPeer';
import { switchboardPeer } from './switchboardPeer';
import { xmppjsPeer } from './xmppjsPeer';

export type { BenchServer, LoginRequest, Peer, PeerId, PeerSession } from './Peer';
export { PEER_IDS } from './Peer';

/** The peer named `id`, set up against `server`. */
export function createPeer(id: PeerId, server: BenchServer): Peer {
  switch (id) {
    case 'switchboard':
      return switchboardPeer(server);
    case 'xmppjs':
      return xmppjsPeer(server, 'tcp');
    case 'xmppjs-ws':
      return xmppjsPeer(server, 'websocket');
    case 'stanza':
      return stanzaPeer(server);
  }
}
