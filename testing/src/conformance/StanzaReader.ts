/**
 * A small incremental reader for the XML an XMPP server sends (RFC 6120 §4, §11): the stream
 * header opens the document and each child of `<stream:stream>` is one element. Enough for the
 * conformance peer on a Prosody that escapes `<`, `>`, `&`, `'` and `"` in both text and
 * attributes and sends no comments, CDATA or DTDs (RFC 6120 §11.1 forbids them).
 */

/** One parsed element. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (not its children's), unescaped. */
  readonly text: string;
}

interface Building {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** Replaces the five XML entities and numeric character references. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (all, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? all;
  });
}

function parseTag(tag: string): Building {
  const name = /^<\s*([^\s/>]+)/.exec(tag)?.[1] ?? '';
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([^\s=/<]+)\s*=\s*(?:'([^']*)'|"([^"]*)")/g)) {
    attrs[m[1] ?? ''] = unescapeXml(m[2] ?? m[3] ?? '');
  }
  return { name, attrs, children: [], text: '' };
}

/** Feeds text in as it arrives; hands back each complete child of the stream element. */
export class StanzaReader {
  #buffer = '';
  readonly #open: Building[] = [];
  /** Set once the server's `</stream:stream>` arrived. */
  ended = false;

  /** Adds received text; returns the top-level elements it completed, in order. */
  feed(chunk: string): XmlElement[] {
    this.#buffer += chunk;
    const done: XmlElement[] = [];
    for (;;) {
      const start = this.#buffer.indexOf('<');
      if (start < 0) break;
      const end = this.#buffer.indexOf('>', start);
      if (end < 0) break;
      this.#text(this.#buffer.slice(0, start));
      const tag = this.#buffer.slice(start, end + 1);
      this.#buffer = this.#buffer.slice(end + 1);
      const element = this.#tag(tag);
      if (element !== undefined) done.push(element);
    }
    return done;
  }

  /** Forgets everything: the server starts a new stream (after STARTTLS or SASL success). */
  reset(): void {
    this.#buffer = '';
    this.#open.length = 0;
  }

  #text(text: string): void {
    const current = this.#open[this.#open.length - 1];
    if (current !== undefined && this.#open.length > 1) current.text += unescapeXml(text);
  }

  #tag(tag: string): XmlElement | undefined {
    if (tag.startsWith('<?')) return undefined;
    if (tag.startsWith('</')) {
      if (this.#open.length <= 1) {
        this.ended = true;
        this.#open.length = 0;
        return undefined;
      }
      return this.#close();
    }
    const element = parseTag(tag);
    this.#open.push(element);
    if (element.name === 'stream:stream' && this.#open.length === 1) return undefined;
    return tag.endsWith('/>') ? this.#close() : undefined;
  }

  #close(): XmlElement | undefined {
    const element = this.#open.pop() as XmlElement;
    const parent = this.#open[this.#open.length - 1];
    if (this.#open.length > 1 && parent !== undefined) {
      parent.children.push(element);
      return undefined;
    }
    return element;
  }
}

/** The first child named `name`. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}
