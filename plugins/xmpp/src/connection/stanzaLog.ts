/**
 * The stanza log: every element sent and received, as text, with SASL payloads and room
 * passwords redacted.
 */
import type { Client } from '@xmpp/client-core';
import xml, { type Element } from '@xmpp/xml';
import { NS_SASL } from '../sasl/exchange';
import { NS_FAST, NS_SASL2 } from '../sasl/sasl2Names';

const SASL_PAYLOADS = new Set(['auth', 'response', 'challenge', 'success']);
/** Where a room password travels: the join (muc), invitations (muc#user, XEP-0249). */
const ROOM_PASSWORD_NS = new Set([
  'http://jabber.org/protocol/muc',
  'http://jabber.org/protocol/muc#user',
]);
/** Data-form fields that carry a room password (muc#roomconfig, XEP-0045 §10.2). */
const SECRET_FIELDS = new Set(['muc#roomconfig_roomsecret']);

/** True when `element` (or anything in it) carries a room password. */
function holdsRoomPassword(element: Element): boolean {
  if (element.name === 'password' && ROOM_PASSWORD_NS.has(element.getNS() ?? '')) return true;
  if (element.name === 'x' && element.attrs.xmlns === 'jabber:x:conference') {
    if (element.attrs.password !== undefined) return true;
  }
  if (element.name === 'field' && SECRET_FIELDS.has(element.attrs.var ?? '')) return true;
  return element.getChildElements().some(holdsRoomPassword);
}

/** A copy of `element` with room passwords replaced by `[redacted]`. */
function withoutRoomPasswords(element: Element): Element {
  const attrs = { ...element.attrs };
  if (
    element.name === 'x' &&
    attrs.xmlns === 'jabber:x:conference' &&
    attrs.password !== undefined
  ) {
    attrs.password = '[redacted]';
  }
  const secret =
    (element.name === 'password' && ROOM_PASSWORD_NS.has(element.getNS() ?? '')) ||
    (element.name === 'value' &&
      element.parent?.name === 'field' &&
      SECRET_FIELDS.has(element.parent.attrs.var ?? ''));
  if (secret) return xml(element.name, attrs, '[redacted]');
  const children = element.children.map((c) =>
    typeof c === 'string' ? c : withoutRoomPasswords(c),
  );
  return xml(element.name, attrs, ...children);
}

/** SASL2 elements whose own text is a SASL payload. */
const SASL2_PAYLOADS = new Set(['response', 'challenge']);
/** Children of SASL2 elements that carry a SASL payload. */
const SASL2_PAYLOAD_CHILDREN = new Set(['initial-response', 'additional-data']);

/**
 * A copy of a SASL2 element (XEP-0388) with its payloads (`<initial-response/>`,
 * `<additional-data/>`, the text of `<response/>` and `<challenge/>`) redacted when
 * `saslIsSecret`, and a FAST token (XEP-0484 `<token token=…/>`) always.
 */
function withoutSasl2Secrets(element: Element, saslIsSecret: boolean, top = true): Element {
  const attrs = { ...element.attrs };
  if (element.name === 'token' && element.getNS() === NS_FAST && attrs.token !== undefined) {
    attrs.token = '[redacted]';
  }
  const payload =
    (top && SASL2_PAYLOADS.has(element.name)) || SASL2_PAYLOAD_CHILDREN.has(element.name);
  if (saslIsSecret && payload && element.text() !== '') {
    return xml(element.name, attrs, '[redacted]');
  }
  const children = element.children.map((c) =>
    typeof c === 'string' ? c : withoutSasl2Secrets(c, saslIsSecret, false),
  );
  return xml(element.name, attrs, ...children);
}

/**
 * The element as log text. The text of SASL `<auth/>`, `<response/>`, `<challenge/>` and
 * `<success/>` becomes `[redacted]` unless `saslIsSecret` is false (a mechanism declared
 * `redaction: 'none'`, such as ANONYMOUS); so do SASL2's payloads, and a FAST token always. Room passwords (a join's `<password/>`, an
 * invitation's, the `roomsecret` of a room configuration) become `[redacted]` too.
 */
export function redactedText(element: Element, saslIsSecret: boolean): string {
  if (
    saslIsSecret &&
    element.getNS() === NS_SASL &&
    SASL_PAYLOADS.has(element.name) &&
    element.text() !== ''
  ) {
    return xml(element.name, { ...element.attrs }, '[redacted]').toString();
  }
  if (element.getNS() === NS_SASL2) return withoutSasl2Secrets(element, saslIsSecret).toString();
  if (element.name !== 'iq' && element.name !== 'presence' && element.name !== 'message') {
    return element.toString();
  }
  return holdsRoomPassword(element) ? withoutRoomPasswords(element).toString() : element.toString();
}

/** Reports every element the entity sends and receives to `log`; a throwing logger is ignored. */
export function attachStanzaLog(
  entity: Client,
  log: (direction: 'in' | 'out', text: string) => void,
  saslIsSecret: () => boolean,
): void {
  const report = (direction: 'in' | 'out', element: Element): void => {
    try {
      log(direction, redactedText(element, saslIsSecret()));
    } catch {
      // A host's logger must not break the connection.
    }
  };
  entity.on('send', (element: Element) => report('out', element));
  entity.on('element', (element: Element) => report('in', element));
}
