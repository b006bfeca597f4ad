/**
 * Occupant presence in a room (XEP-0045 §7.2.3, §9, §10): the `<x xmlns='…muc#user'>` item
 * (affiliation, role, real JID, new nick), status codes (110 self, 201 created, 303 nick
 * change, 301/307/321/322/332 removals), the actor and reason of a kick or ban, and `<destroy/>`.
 */
import type { LeaveReason, OccupantRank } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import { NS_MUC_USER, resourceOf } from './mucElements';

/** What one occupant presence says. */
export interface OccupantPresence {
  readonly nick: string;
  readonly rank: OccupantRank;
  /** The occupant's real JID, when the room shows it. */
  readonly address?: string;
  readonly unavailable: boolean;
  readonly statuses: ReadonlySet<number>;
  /** Status 110: this account's own occupant. */
  readonly self: boolean;
  /** Status 303: the occupant's new nick. */
  readonly newNick?: string;
  /** Who kicked or banned it (`<actor nick/>`, else `<actor jid/>`). */
  readonly actor?: string;
  /** The reason given for a kick, ban or destruction. */
  readonly reason?: string;
  /** The room was destroyed (`<destroy/>`). */
  readonly destroyed: boolean;
}

/**
 * An occupant's rank from its affiliation and role: owner and admin affiliations first, then
 * the role (`moderator`, `visitor`); everything else (`participant`, or no role while leaving)
 * is `member`.
 */
export function rankOf(affiliation: string | undefined, role: string | undefined): OccupantRank {
  if (affiliation === 'owner') return 'owner';
  if (affiliation === 'admin') return 'admin';
  if (role === 'moderator') return 'moderator';
  if (role === 'visitor') return 'visitor';
  return 'member';
}

/** Why an occupant left, from the status codes of its unavailable presence. */
export function leaveReasonOf(statuses: ReadonlySet<number>, destroyed: boolean): LeaveReason {
  if (destroyed || statuses.has(332)) return 'destroyed';
  if (statuses.has(301)) return 'banned';
  if (statuses.has(307)) return 'kicked';
  if (statuses.has(321) || statuses.has(322)) return 'removed';
  return 'left';
}

/** The occupant presence `stanza` from a room, or undefined when it is none. */
export function parseOccupantPresence(stanza: Element): OccupantPresence | undefined {
  const nick = resourceOf(stanza.attrs.from ?? '');
  const x = stanza.getChild('x', NS_MUC_USER);
  if (nick === undefined || nick === '' || x === undefined) return undefined;
  const item = x.getChild('item');
  const statuses = new Set<number>();
  for (const status of x.getChildren('status')) {
    const code = Number.parseInt(status.attrs.code ?? '', 10);
    if (Number.isInteger(code)) statuses.add(code);
  }
  const actor = item?.getChild('actor');
  const by = actor?.attrs.nick ?? actor?.attrs.jid;
  const destroy = x.getChild('destroy');
  const reason = item?.getChildText('reason') ?? destroy?.getChildText('reason') ?? undefined;
  const address = item?.attrs.jid;
  const newNick = statuses.has(303) ? item?.attrs.nick : undefined;
  return {
    nick,
    rank: rankOf(item?.attrs.affiliation, item?.attrs.role),
    unavailable: stanza.attrs.type === 'unavailable',
    statuses,
    self: statuses.has(110),
    destroyed: destroy !== undefined,
    ...(address === undefined ? {} : { address }),
    ...(newNick === undefined || newNick === '' ? {} : { newNick }),
    ...(by === undefined ? {} : { actor: by }),
    ...(reason === undefined || reason === null || reason === '' ? {} : { reason }),
  };
}
