import { joinRefused } from './joinRefused';
import { leaveReasonOf, parseOccupantPresence, rankOf } from './occupantPresence';
import { stanza } from './stanza.testkit';

const ROOM = 'room@conference.example.org';
const X = "xmlns='http://jabber.org/protocol/muc#user'";

describe('rankOf', () => {
  it.each([
    ['owner', 'moderator', 'owner'],
    ['admin', 'moderator', 'admin'],
    ['member', 'moderator', 'moderator'],
    ['none', 'moderator', 'moderator'],
    ['member', 'participant', 'member'],
    ['none', 'participant', 'member'],
    ['none', 'visitor', 'visitor'],
    ['member', 'none', 'member'],
    [undefined, undefined, 'member'],
  ] as const)('when affiliation is %s and role %s: %s', (affiliation, role, rank) => {
    expect(rankOf(affiliation, role)).toBe(rank);
  });
});

describe('leaveReasonOf', () => {
  it.each([
    [[], false, 'left'],
    [[110], false, 'left'],
    [[307], false, 'kicked'],
    [[301], false, 'banned'],
    [[321], false, 'removed'],
    [[322], false, 'removed'],
    [[332], false, 'destroyed'],
    [[], true, 'destroyed'],
    [[110, 307], false, 'kicked'],
  ] as const)('when the status codes are %j (destroy: %s): %s', (codes, destroyed, reason) => {
    expect(leaveReasonOf(new Set(codes), destroyed)).toBe(reason);
  });
});

describe('parseOccupantPresence', () => {
  it('when an occupant joins: nick, rank and real JID', () => {
    const parsed = parseOccupantPresence(
      stanza(
        `<presence from='${ROOM}/bob'><x ${X}><item affiliation='member' role='participant' jid='bob@example.org/phone'/></x></presence>`,
      ),
    );
    expect(parsed).toMatchObject({
      nick: 'bob',
      rank: 'member',
      address: 'bob@example.org/phone',
      unavailable: false,
      self: false,
      destroyed: false,
    });
  });

  it('when this account is kicked: self, statuses, actor and reason', () => {
    const parsed = parseOccupantPresence(
      stanza(
        `<presence from='${ROOM}/alice' type='unavailable'><x ${X}><item affiliation='none' role='none'><actor nick='mod'/><reason>too loud</reason></item><status code='307'/><status code='110'/></x></presence>`,
      ),
    );
    expect(parsed).toMatchObject({
      nick: 'alice',
      unavailable: true,
      self: true,
      actor: 'mod',
      reason: 'too loud',
    });
    expect([...(parsed?.statuses ?? [])].sort()).toEqual([110, 307]);
  });

  it('when an occupant changes nick (303): the new nick', () => {
    const parsed = parseOccupantPresence(
      stanza(
        `<presence from='${ROOM}/carol' type='unavailable'><x ${X}><item nick='caz' role='participant'/><status code='303'/></x></presence>`,
      ),
    );
    expect(parsed).toMatchObject({ nick: 'carol', newNick: 'caz', unavailable: true });
  });

  it('when the room is destroyed: destroyed with its reason', () => {
    const parsed = parseOccupantPresence(
      stanza(
        `<presence from='${ROOM}/alice' type='unavailable'><x ${X}><item role='none'/><destroy><reason>moved</reason></destroy><status code='110'/></x></presence>`,
      ),
    );
    expect(parsed).toMatchObject({ destroyed: true, reason: 'moved', self: true });
  });

  it('when the presence is no occupant presence: undefined', () => {
    expect(parseOccupantPresence(stanza(`<presence from='${ROOM}/bob'/>`))).toBeUndefined();
    expect(
      parseOccupantPresence(stanza(`<presence from='${ROOM}'><x ${X}/></presence>`)),
    ).toBeUndefined();
  });
});

describe('joinRefused', () => {
  it.each([
    ['conflict', 'conflict'],
    ['not-authorized', 'password'],
    ['forbidden', 'banned'],
    ['registration-required', 'members-only'],
    ['service-unavailable', 'full'],
    ['item-not-found', 'not-found'],
    ['not-allowed', 'not-allowed'],
    ['jid-malformed', 'nick-rejected'],
    ['undefined-condition', 'undefined-condition'],
  ])('when the room answers %s: condition %s', (xmppCondition, condition) => {
    const error = joinRefused(
      ROOM,
      'alice',
      stanza(
        `<presence from='${ROOM}/alice' type='error'><error type='cancel'><${xmppCondition} xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`,
      ),
    );
    expect(error.code).toBe('SB_ROOM_JOIN_REFUSED');
    expect(error.details).toMatchObject({ room: ROOM, nick: 'alice', condition, xmppCondition });
  });
});
