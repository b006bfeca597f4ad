/**
 * Delayed Delivery (XEP-0203), with the legacy jabber:x:delay (XEP-0091) as a fallback.
 */
import type { Delay } from '@switchboard/core';
import type { Element } from '@xmpp/xml';

const NS_DELAY = 'urn:xmpp:delay';
const NS_LEGACY = 'jabber:x:delay';

/** Legacy stamps look like `20020910T23:08:25` (UTC). */
function parseLegacyStamp(stamp: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2}:\d{2}:\d{2})$/.exec(stamp);
  return new Date(m === null ? Number.NaN : `${m[1]}-${m[2]}-${m[3]}T${m[4]}Z`);
}

/** The delay information of a message, or undefined if it was not delayed or the stamp is invalid. */
export function parseDelay(message: Element): Delay | undefined {
  const modern = message.getChild('delay', NS_DELAY);
  const legacy = modern === undefined ? message.getChild('x', NS_LEGACY) : undefined;
  const element = modern ?? legacy;
  const raw = element?.attrs.stamp;
  if (element === undefined || raw === undefined) return undefined;
  const stamp = modern !== undefined ? new Date(raw) : parseLegacyStamp(raw);
  if (Number.isNaN(stamp.getTime())) return undefined;
  const { from } = element.attrs;
  const reason = element.text();
  return { stamp, ...(from === undefined ? {} : { from }), ...(reason === '' ? {} : { reason }) };
}
