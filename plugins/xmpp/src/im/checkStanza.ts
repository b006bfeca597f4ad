import type { Element } from '@xmpp/xml';
import { checkXmlText } from './xmlText';

/**
 * Throws SB_CONTENT_INVALID when any attribute value or text of `element` (and its children)
 * holds a character XML cannot carry; `details.field` is the path, e.g. `message/body`.
 */
export function checkStanza(element: Element, path = element.name): void {
  for (const [name, value] of Object.entries(element.attrs)) {
    if (typeof value === 'string') checkXmlText(value, `${path}@${name}`);
  }
  for (const child of element.children) {
    if (typeof child === 'string') checkXmlText(child, path);
    else checkStanza(child, `${path}/${child.name}`);
  }
}
