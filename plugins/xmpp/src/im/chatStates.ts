/**
 * Chat State Notifications (XEP-0085).
 */
import type { ChatState } from '@switchboard/core';
import xml, { type Element } from '@xmpp/xml';

/** The chat states namespace. */
export const NS_CHATSTATES = 'http://jabber.org/protocol/chatstates';

const STATES: readonly ChatState[] = ['active', 'composing', 'paused', 'inactive', 'gone'];

/** The chat state carried by a message, if any. */
export function parseChatState(message: Element): ChatState | undefined {
  for (const child of message.getChildElements()) {
    if (child.getNS() === NS_CHATSTATES && (STATES as readonly string[]).includes(child.name)) {
      return child.name as ChatState;
    }
  }
  return undefined;
}

/** The element for a chat state. */
export function chatStateElement(state: ChatState): Element {
  return xml(state, { xmlns: NS_CHATSTATES });
}
