/**
 * Test helpers for channels: what an account reported about rooms, in order, and waits for it.
 */
import type {
  Account,
  DeliveryUpdate,
  InboundMessage,
  Invitation,
  OccupantChange,
  RoomLeft,
  TopicChange,
} from '@switchboard/core';
import { type ErgoServer, IrcLineClient } from '@switchboard/testing';

/** Everything `account` reported about rooms since it was made. */
export interface RoomRecord {
  readonly occupants: { room: string; change: OccupantChange }[];
  readonly topics: TopicChange[];
  readonly left: RoomLeft[];
  readonly invitations: Invitation[];
  readonly messages: InboundMessage[];
  readonly deliveries: DeliveryUpdate[];
}

/** Starts recording `account`'s room events. */
export function record(account: Account): RoomRecord {
  const r: RoomRecord = {
    occupants: [],
    topics: [],
    left: [],
    invitations: [],
    messages: [],
    deliveries: [],
  };
  account.on('occupant', (room, change) => r.occupants.push({ room, change }));
  account.on('topic', (change) => r.topics.push(change));
  account.on('roomLeft', (left) => r.left.push(left));
  account.on('invitation', (invitation) => r.invitations.push(invitation));
  account.on('message', (message) => r.messages.push(message));
  account.on('delivery', (update) => r.deliveries.push(update));
  return r;
}

/** Waits until `list` has an entry matching `match` and returns it; throws after `ms`. */
export async function until<T>(
  list: readonly T[],
  match: (item: T) => boolean,
  ms = 8_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = list.find(match);
    if (found !== undefined) return found;
    if (Date.now() > deadline) {
      throw new Error(
        `nothing matched within ${ms} ms; saw ${JSON.stringify(list).slice(0, 2000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A raw client registered on `server` as `nick` (no account): a channel operator for tests. */
export async function rawClient(server: ErgoServer, nick: string): Promise<IrcLineClient> {
  const client = await IrcLineClient.connect({ port: server.tlsPort, tls: { ca: server.ca } });
  client.send(`NICK ${nick}`);
  client.send(`USER ${nick} 0 * :${nick}`);
  await client.nextCommand('001');
  return client;
}

/** `client` joins `channel` and waits for the end of its NAMES. */
export async function rawJoin(client: IrcLineClient, channel: string): Promise<void> {
  client.send(`JOIN ${channel}`);
  await client.next((l) => l.command === '366');
}
