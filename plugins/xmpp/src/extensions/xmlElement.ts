/**
 * XML elements as extensions read and build them: xmpp.js's elements (`@xmpp/xml`, on ltx)
 * behind a typed interface, and copies of what an extension hands over, so the library never
 * holds an element an extension can still change (stream management may resend it later).
 */
import { SwitchboardError } from '@switchboard/core';
import xmlFactory, { Element } from '@xmpp/xml';

/** An XML element (stanza, child, stream features). */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string | undefined>>;
  readonly children: ReadonlyArray<XmlElement | string>;
  /** True when the name is `name` (and the namespace `xmlns`, when given). */
  is(name: string, xmlns?: string): boolean;
  /** The element's namespace, inherited from its parent when it has no `xmlns`. */
  getNS(): string | undefined;
  getChild(name: string, xmlns?: string): XmlElement | undefined;
  getChildren(name: string, xmlns?: string): XmlElement[];
  getChildElements(): XmlElement[];
  /** The text of the first child `name`, or null without one. */
  getChildText(name: string, xmlns?: string): string | null;
  /** The element's own text. */
  text(): string;
  /** The element as XML text. */
  toString(): string;
}

/** A child given to {@link xml}: elements and text; `null`, `undefined` and `false` are skipped. */
export type XmlChild = XmlElement | string | null | undefined | false;

/**
 * Builds an element: `xml('time', { xmlns: 'urn:xmpp:time' }, xml('tzo', {}, '+02:00'))`.
 * Attributes whose value is undefined are left out.
 */
export function xml(
  name: string,
  attrs?: Readonly<Record<string, string | undefined>> | null,
  ...children: Array<XmlChild | XmlChild[]>
): XmlElement {
  return xmlFactory(
    name,
    attrs === null || attrs === undefined ? {} : { ...attrs },
    ...(children as never[]),
  );
}

function malformed(field: string, reason: string): SwitchboardError {
  return new SwitchboardError(
    'SB_CONTENT_INVALID',
    `The element an extension handed over is not XML the library can send (${field}: ${reason}); build it with xml() from @switchboard/xmpp.`,
    { details: { field, reason: 'not-an-element' } },
  );
}

/** A detached deep copy of `element`; SB_CONTENT_INVALID when it is not an element. */
export function copyElement(element: unknown, path = 'element'): Element {
  const e = element as Partial<XmlElement> | null | undefined;
  if (typeof e !== 'object' || e === null || typeof e.name !== 'string' || e.name === '') {
    throw malformed(path, 'no element name');
  }
  if (typeof e.attrs !== 'object' || e.attrs === null || !Array.isArray(e.children)) {
    throw malformed(path, 'no attributes or children');
  }
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(e.attrs)) {
    if (typeof value === 'string') attrs[key] = value;
    else if (value !== undefined && value !== null) throw malformed(`${path}@${key}`, 'not text');
  }
  const copy = new Element(e.name, attrs);
  for (const child of e.children) {
    copy.append(typeof child === 'string' ? child : copyElement(child, `${path}/${e.name}`));
  }
  return copy;
}
