/**
 * Multi-User Chat (XEP-0045) stanzas this client sends: the join presence (§7.2, with a password
 * §7.2.6 and history limits §7.2.13), leaving (§7.14), the instant-room form (§10.1.2), a subject
 * change (§8.1) and a mediated invitation (§7.8.2).
 */
import type { RoomJoinRequest } from '@switchboard/core';
import xml, { type Element } from '@xmpp/xml';

export const NS_MUC = 'http://jabber.org/protocol/muc';
export const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
export const NS_MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
/** Direct invitations (XEP-0249). */
export const NS_CONFERENCE = 'jabber:x:conference';
/** Unique and stable stanza ids (XEP-0359). */
export const NS_SID = 'urn:xmpp:sid:0';

/**
 * The presence that joins `request.room` as `request.nick`. With `catchUp`, the room replays
 * nothing (`maxstanzas='0'`): the archive supplies what was missed.
 */
export function joinPresence(request: RoomJoinRequest, catchUp: boolean): Element {
  const { history } = request;
  const limits: Record<string, string> = {};
  if (catchUp) limits.maxstanzas = '0';
  else {
    if (history?.maxMessages !== undefined) limits.maxstanzas = String(history.maxMessages);
    if (history?.since !== undefined) limits.since = history.since.toISOString();
  }
  return xml(
    'presence',
    { to: `${request.room}/${request.nick}` },
    xml(
      'x',
      { xmlns: NS_MUC },
      request.password === undefined ? null : xml('password', {}, request.password),
      Object.keys(limits).length === 0 ? null : xml('history', limits),
    ),
  );
}

/** The presence that leaves the room the account is in as `nick`. */
export function leavePresence(room: string, nick: string, reason?: string): Element {
  return xml(
    'presence',
    { to: `${room}/${nick}`, type: 'unavailable' },
    reason === undefined ? null : xml('status', {}, reason),
  );
}

/** Accepts the default configuration of a room this account just created (an instant room). */
export function instantRoomQuery(): Element {
  return xml(
    'query',
    { xmlns: NS_MUC_OWNER },
    xml('x', { xmlns: 'jabber:x:data', type: 'submit' }),
  );
}

/** A message that sets the room's subject. */
export function subjectMessage(room: string, id: string, topic: string): Element {
  return xml('message', { to: room, type: 'groupchat', id }, xml('subject', {}, topic));
}

/** A mediated invitation: the room forwards it to `address`. */
export function inviteMessage(room: string, id: string, address: string, reason?: string): Element {
  return xml(
    'message',
    { to: room, id },
    xml(
      'x',
      { xmlns: NS_MUC_USER },
      xml('invite', { to: address }, reason === undefined ? null : xml('reason', {}, reason)),
    ),
  );
}

/** The bare part of a JID (everything before the first `/`). */
export function bareOf(address: string): string {
  const slash = address.indexOf('/');
  return slash < 0 ? address : address.slice(0, slash);
}

/** The resource part of a JID (the nick of an occupant JID), or undefined. */
export function resourceOf(address: string): string | undefined {
  const slash = address.indexOf('/');
  return slash < 0 ? undefined : address.slice(slash + 1);
}

/** The `<stanza-id/>` that `by` set on `stanza` (XEP-0359 §3): only the archive's is trusted. */
export function stanzaIdBy(stanza: Element, by: string): string | undefined {
  for (const child of stanza.getChildren('stanza-id', NS_SID)) {
    if (child.attrs.by === by && child.attrs.id) return child.attrs.id;
  }
  return undefined;
}

/** The `<origin-id/>` the sender set (XEP-0359 §3.2). */
export function originIdOf(stanza: Element): string | undefined {
  return stanza.getChild('origin-id', NS_SID)?.attrs.id || undefined;
}
