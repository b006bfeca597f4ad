/**
 * Messages (RFC 6121 §5): parsing inbound `<message/>` and building outbound ones.
 */
import type { InboundMessage, MessageType, OutboundMessage } from '@switchboard/core';
import xml, { type Element } from '@xmpp/xml';
import { chatStateElement, parseChatState } from './chatStates';
import { parseDelay } from './delay';

const TYPES: readonly MessageType[] = ['chat', 'normal', 'groupchat', 'headline', 'error'];

/** An inbound message with a body, or `undefined` for bodiless messages (e.g. receipts). */
export function parseMessage(stanza: Element): InboundMessage | undefined {
  const body = stanza.getChildText('body');
  const from = stanza.attrs.from;
  if (body === null || from === undefined) return undefined;
  const rawType = stanza.attrs.type ?? 'normal';
  const type = (TYPES as readonly string[]).includes(rawType) ? (rawType as MessageType) : 'normal';
  const thread = stanza.getChildText('thread');
  const chatState = parseChatState(stanza);
  const delay = parseDelay(stanza);
  const { id, to } = stanza.attrs;
  return {
    from,
    type,
    body,
    ...(id === undefined ? {} : { id }),
    ...(to === undefined ? {} : { to }),
    ...(thread === null ? {} : { thread }),
    ...(chatState === undefined ? {} : { chatState }),
    ...(delay === undefined ? {} : { delay }),
  };
}

/** The `<message/>` for an outbound message, with `extra` children (e.g. receipt requests). */
export function buildMessage(
  message: OutboundMessage,
  id: string,
  extra: readonly Element[] = [],
): Element {
  return xml(
    'message',
    { to: message.to, type: message.type ?? 'chat', id: message.id ?? id },
    xml('body', {}, message.body),
    message.thread === undefined ? null : xml('thread', {}, message.thread),
    message.chatState === undefined ? null : chatStateElement(message.chatState),
    ...extra,
  );
}
