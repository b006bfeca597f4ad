/**
 * Messages from rooms that are not ordinary room messages: invitations, mediated through the
 * room (XEP-0045 §7.8.2) or direct (XEP-0249), and the room's subject (§8.1).
 */
import type { Invitation } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import { bareOf, NS_CONFERENCE, NS_MUC_USER } from './mucElements';

/** The invitation `stanza` carries, or undefined. */
export function parseInvitation(stanza: Element): Invitation | undefined {
  const from = stanza.attrs.from;
  if (from === undefined) return undefined;
  const x = stanza.getChild('x', NS_MUC_USER);
  const invite = x?.getChild('invite');
  if (x === undefined || invite === undefined) return parseDirectInvitation(stanza, from);
  // A room sends a mediated invitation from its bare JID; a user's server stamps what a user
  // sends with a full JID, so a "mediated invitation" from one names an inviter it chose itself.
  if (from !== bareOf(from)) return parseDirectInvitation(stanza, from);
  const reason = invite.getChildText('reason');
  const password = x.getChildText('password');
  return {
    room: bareOf(from),
    from: invite.attrs.from ?? bareOf(from),
    ...(reason === null || reason === '' ? {} : { reason }),
    ...(password === null || password === '' ? {} : { password }),
  };
}

/** The subject a groupchat message sets, or undefined (a message with a body is not one). */
export function parseSubject(stanza: Element): string | undefined {
  if (stanza.getChild('body') !== undefined) return undefined;
  const subject = stanza.getChild('subject');
  return subject === undefined ? undefined : subject.text();
}

/** A direct invitation (XEP-0249); a mediated one may carry one too, for older clients. */
function parseDirectInvitation(stanza: Element, from: string): Invitation | undefined {
  const direct = stanza.getChild('x', NS_CONFERENCE);
  if (direct?.attrs.jid !== undefined && direct.attrs.jid !== '') {
    const { jid, reason, password } = direct.attrs;
    return {
      room: bareOf(jid),
      from,
      ...(reason === undefined || reason === '' ? {} : { reason }),
      ...(password === undefined || password === '' ? {} : { password }),
    };
  }
  return undefined;
}
