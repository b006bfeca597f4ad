import type { MessageType } from '@switchboard/core';

/** A message as a peer received it. */
export interface PeerMessage {
  /** The sender as the peer's protocol names it (a full JID, a nick). */
  readonly from: string;
  /** The message type the peer's protocol says it has (`chat`, `headline`, …). */
  readonly type: string;
}

/**
 * What the protocol-neutral scenarios need of the peer the account talks to, whatever protocol
 * it speaks: the kit's {@link JabberPeer} on Prosody, its IrcPeer on ergo. Each is an
 * independent client of its own, sharing no code with Switchboard.
 */
export interface ConformancePeer {
  /** The peer's address as the account sees it (a full JID, a nick). */
  readonly address: string;
  /** Sends a message of `type` (default `chat`) to `to`. */
  sendMessage(to: string, body: string, type?: MessageType): void;
  /** The first message received with exactly `body`, from now or earlier; rejects after a timeout. */
  waitForMessage(body: string): Promise<PeerMessage>;
  close(): Promise<void>;
}
