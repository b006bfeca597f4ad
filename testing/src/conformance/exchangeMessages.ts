import type { Account, MessageType } from '@switchboard/core';
import type { AccountRecorder } from './AccountRecorder';
import type { JabberPeer } from './JabberPeer';
import { bare } from './peerXml';

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
  peer: JabberPeer,
  label: string,
): Promise<void> {
  const type = messageType(account);
  const out = `${label}: to the peer <b>&amp; "ü" ✓`;
  await account.sendMessage({ to: bare(peer.address), body: out, type });
  const atPeer = await peer.waitFor(
    (s) => s.name === 'message' && s.children.some((c) => c.name === 'body' && c.text === out),
    `message "${out}" from the account`,
  );
  expect(bare(atPeer.attrs.from ?? '')).toBe(bare(account.address ?? ''));
  expect(atPeer.attrs.type).toBe(type);

  const back = `${label}: to the account <i>&lt; 'ö' 🙂`;
  peer.sendMessage(bare(account.address ?? ''), back, type);
  const atAccount = await events.waitFor('message', (m) => m.body === back, `message "${back}"`);
  expect(atAccount).toMatchObject({ from: peer.address, type });
}
