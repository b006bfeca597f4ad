import { type Element, Parser } from '@xmpp/xml';

/** Parses one stanza from its XML text (a test fixture), as the stream parser would read it. */
export function stanza(text: string): Element {
  const parser = new Parser();
  let found: Element | undefined;
  parser.on('element', ((element: Element) => {
    found ??= element;
  }) as never);
  parser.write(`<stream xmlns='jabber:client'>${text}`);
  if (found === undefined) throw new Error(`no stanza in ${text}`);
  return found;
}
