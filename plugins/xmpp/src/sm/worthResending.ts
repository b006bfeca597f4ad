import type { Unacked } from './XmppContinuation';

const SUBSCRIPTION_TYPES = new Set(['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed']);

/** Stanzas worth sending again on a fresh stream: messages with a body and subscription changes. */
export function worthResending({ stanza }: Unacked): boolean {
  if (stanza.name === 'message') return stanza.getChild('body') !== undefined;
  return stanza.name === 'presence' && SUBSCRIPTION_TYPES.has(stanza.attrs.type ?? '');
}
