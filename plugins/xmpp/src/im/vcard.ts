/**
 * vcard-temp (XEP-0054): the fields of {@link VCard}.
 */
import type { VCard } from '@switchboard/core';
import xml, { type Element } from '@xmpp/xml';

/** The vCard namespace. */
export const NS_VCARD = 'vcard-temp';

/** An empty `<vCard/>` for a get. */
export function vcardQuery(): Element {
  return xml('vCard', { xmlns: NS_VCARD });
}

function text(el: Element | undefined, name: string): string | undefined {
  const value = el?.getChildText(name);
  return value === null || value === undefined || value === '' ? undefined : value;
}

/** Reads the fields we know from a `<vCard/>`; an absent vCard is an empty one. */
export function parseVCard(vcard: Element | undefined): VCard {
  const email = vcard?.getChild('EMAIL');
  const fields: Record<string, string | undefined> = {
    fullName: text(vcard, 'FN'),
    nickname: text(vcard, 'NICKNAME'),
    email: text(email, 'USERID') ?? (email?.text().trim() || undefined),
    url: text(vcard, 'URL'),
    note: text(vcard, 'DESC'),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as VCard;
}

/** A `<vCard/>` for a set. */
export function buildVCard(vcard: VCard): Element {
  return xml(
    'vCard',
    { xmlns: NS_VCARD },
    vcard.fullName === undefined ? null : xml('FN', {}, vcard.fullName),
    vcard.nickname === undefined ? null : xml('NICKNAME', {}, vcard.nickname),
    vcard.email === undefined
      ? null
      : xml('EMAIL', {}, xml('INTERNET'), xml('USERID', {}, vcard.email)),
    vcard.url === undefined ? null : xml('URL', {}, vcard.url),
    vcard.note === undefined ? null : xml('DESC', {}, vcard.note),
  );
}
