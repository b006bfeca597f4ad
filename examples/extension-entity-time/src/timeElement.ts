/**
 * The `<time/>` element of XEP-0202 (Entity Time): the entity's offset from UTC (`<tzo/>`, a
 * XEP-0082 time zone: `Z` or ±hh:mm) and its clock in UTC (`<utc/>`, a XEP-0082 DateTime).
 */
import { SwitchboardError } from '@switchboard/core';
import { type XmlElement, xml } from '@switchboard/xmpp';

/** The XEP-0202 namespace, also the disco feature. */
export const NS_TIME = 'urn:xmpp:time';

/** Another entity's time, as it answered. */
export interface EntityTime {
  /** Its offset from UTC, `Z` or ±hh:mm (e.g. `+02:00`). */
  readonly tzo: string;
  /** Its clock, as an instant. */
  readonly utc: Date;
}

const TZO = /^(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;

/** ±hh:mm for an offset of `minutes` east of UTC. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(Math.trunc(minutes));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The `<time/>` answer for the instant `at`, at `offsetMinutes` east of UTC. */
export function timeElement(at: Date, offsetMinutes: number): XmlElement {
  return xml(
    'time',
    { xmlns: NS_TIME },
    xml('tzo', {}, formatOffset(offsetMinutes)),
    xml('utc', {}, at.toISOString()),
  );
}

function badReply(reason: string): SwitchboardError {
  return new SwitchboardError(
    'SB_BAD_RESPONSE',
    `The entity time reply is not XEP-0202: ${reason}.`,
    {
      details: { reason },
    },
  );
}

/** Reads a `<time/>` reply; SB_BAD_RESPONSE when it does not follow XEP-0202. */
export function parseTime(reply: XmlElement | undefined): EntityTime {
  if (reply === undefined || !reply.is('time', NS_TIME)) throw badReply('no <time/>');
  const tzo = reply.getChildText('tzo')?.trim() ?? '';
  const utc = reply.getChildText('utc')?.trim() ?? '';
  if (!TZO.test(tzo)) throw badReply('no valid <tzo/>');
  if (!UTC.test(utc) || Number.isNaN(Date.parse(utc))) throw badReply('no valid <utc/>');
  return { tzo, utc: new Date(utc) };
}
