import type {
  Availability,
  ChatStateUpdate,
  InboundMessage,
  PresenceUpdate,
  SubscriptionUpdate,
} from '@switchboard/core';

/** `bob@example.org` of `bob@example.org/phone`. */
export function bareAddress(address: string): string {
  const slash = address.indexOf('/');
  return slash === -1 ? address : address.slice(0, slash);
}

const AVAILABILITY: Readonly<Record<Availability, string>> = {
  available: 'online',
  chat: 'free to chat',
  away: 'away',
  xa: 'away for a while',
  dnd: 'busy',
  offline: 'offline',
};

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `[14:05]`, or `[2026-11-24 14:05, delayed]` for a message stored while offline. */
export function stamp(message: Pick<InboundMessage, 'delay'>, now: Date): string {
  const at = message.delay?.stamp ?? now;
  const time = `${two(at.getHours())}:${two(at.getMinutes())}`;
  if (message.delay === undefined) return `[${time}]`;
  return `[${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${time}, delayed]`;
}

/** A received message: `[14:05] bob@example.org: text`, continuation lines indented. */
export function formatMessage(message: InboundMessage, now: Date = new Date()): string {
  const from = bareAddress(message.from);
  const body = message.body.replace(/\r?\n/g, '\n    ');
  if (message.type === 'error') return `! ${from} could not be reached: ${body}`;
  return `${stamp(message, now)} ${from}: ${body}`;
}

/**
 * A typing notification, or undefined for states not worth a line (active, inactive) and for
 * delayed ones (stored and delivered later: nobody is typing now).
 */
export function formatChatState(update: ChatStateUpdate): string | undefined {
  if (update.delay !== undefined) return undefined;
  const from = bareAddress(update.from);
  if (update.state === 'composing') return `… ${from} is typing`;
  if (update.state === 'paused') return `… ${from} stopped typing`;
  if (update.state === 'gone') return `… ${from} left the conversation`;
  return undefined;
}

/** `* bob@example.org is away (lunch)`. */
export function formatPresence(presence: PresenceUpdate): string {
  const status =
    presence.status === undefined || presence.status === '' ? '' : ` (${presence.status})`;
  return `* ${bareAddress(presence.from)} is ${AVAILABILITY[presence.availability]}${status}`;
}

/** A subscription request (with how to answer it) or answer. */
export function formatSubscription(update: SubscriptionUpdate): string {
  const from = bareAddress(update.from);
  if (update.type === 'subscribe') {
    return `* ${from} asks to see your presence: /approve ${from} or /deny ${from}`;
  }
  const what = {
    subscribed: 'lets you see their presence',
    unsubscribe: 'no longer wants to see your presence',
    unsubscribed: 'no longer lets you see their presence',
  }[update.type];
  return `* ${from} ${what}`;
}
