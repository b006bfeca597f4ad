/**
 * Message Archive Management queries (XEP-0313, `urn:xmpp:mam:2`) with Result Set Management
 * paging (XEP-0059): the filter form (`with`, `start`) and the `<set/>` (`max`, `before`,
 * `after`; an empty `<before/>` asks for the latest page).
 */
import xml, { type Element } from '@xmpp/xml';

export const NS_MAM = 'urn:xmpp:mam:2';
export const NS_RSM = 'http://jabber.org/protocol/rsm';
export const NS_FORWARD = 'urn:xmpp:forward:0';
const NS_DATA = 'jabber:x:data';

/** One page to ask an archive for. */
export interface ArchivePageRequest {
  /** Only messages exchanged with this address (1:1 archives). */
  readonly with?: string;
  readonly before?: string;
  readonly after?: string;
  readonly since?: Date;
  /** Only the messages with these archive ids (`urn:xmpp:mam:2#extended`'s `ids` field). */
  readonly ids?: readonly string[];
  readonly limit: number;
}

function field(name: string, value: string, type?: string): Element {
  return xml(
    'field',
    type === undefined ? { var: name } : { var: name, type },
    xml('value', {}, value),
  );
}

/** The `<query/>` for one page, tagged with `queryid`. */
export function mamQuery(queryid: string, page: ArchivePageRequest): Element {
  const fields: Element[] = [field('FORM_TYPE', NS_MAM, 'hidden')];
  if (page.with !== undefined) fields.push(field('with', page.with));
  if (page.since !== undefined) fields.push(field('start', page.since.toISOString()));
  if (page.ids !== undefined) {
    const values = page.ids.map((id) => xml('value', {}, id));
    fields.push(xml('field', { var: 'ids' }, ...values));
  }
  const forwards =
    page.after !== undefined || (page.since !== undefined && page.before === undefined);
  const set = xml(
    'set',
    { xmlns: NS_RSM },
    xml('max', {}, String(page.limit)),
    page.after !== undefined ? xml('after', {}, page.after) : null,
    page.before !== undefined ? xml('before', {}, page.before) : null,
    // Without a starting point, the latest page: RSM §2.5 (an empty <before/>).
    page.before === undefined && !forwards ? xml('before') : null,
  );
  return xml(
    'query',
    { xmlns: NS_MAM, queryid },
    xml('x', { xmlns: NS_DATA, type: 'submit' }, ...fields),
    set,
  );
}

/** What the `<fin/>` that ends a query says. */
export interface ArchiveFin {
  readonly first?: string;
  readonly last?: string;
  readonly complete: boolean;
}

/** Reads the `<fin/>` of a query's result. */
export function parseFin(fin: Element | undefined): ArchiveFin {
  const set = fin?.getChild('set', NS_RSM);
  const first = set?.getChildText('first') ?? undefined;
  const last = set?.getChildText('last') ?? undefined;
  const complete = fin?.attrs.complete === 'true' || fin?.attrs.complete === '1';
  return {
    complete,
    ...(first === undefined || first === null || first === '' ? {} : { first }),
    ...(last === undefined || last === null || last === '' ? {} : { last }),
  };
}
