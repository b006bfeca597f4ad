import type { Account, MessageType } from '@switchboard/core';
import type { AccountRecorder } from './AccountRecorder';
import type { ConformancePeer } from './ConformancePeer';
import { bare } from './peerXml';
import type { ProtocolExpectations } from './ScenarioRun';

/** The message type the profile delivers: `chat` where it can, else its first. */
export function messageType(account: Account): MessageType {
  const types = account.profile.capabilities.messageTypes;
  return types.includes('chat') ? 'chat' : (types[0] ?? 'chat');
}

/**
 * Sends a message from the account to the peer and one back, with markup characters and
 * non-ASCII text in the bodies; checks each arrived intact, from the right address, with the
 * type sent.
 */
export async function exchangeMessages(
  account: Account,
  events: AccountRecorder,
  peer: ConformancePeer,
  label: string,
  expected: ProtocolExpectations,
): Promise<void> {
  const type = messageType(account);
  const out = `${label}: to the peer <b>&amp; "ü" ✓`;
  await account.sendMessage({ to: bare(peer.address), body: out, type });
  const atPeer = await peer.waitForMessage(out);
  const me = expected.seenByPeer(account);
  expect(bare(atPeer.from)).toBe(me);
  expect(atPeer.type).toBe(type);

  const back = `${label}: to the account <i>&lt; 'ö' 🙂`;
  peer.sendMessage(me, back, type);
  const atAccount = await events.waitFor('message', (m) => m.body === back, `message "${back}"`);
  expect(atAccount).toMatchObject({ from: peer.address, type });
}
