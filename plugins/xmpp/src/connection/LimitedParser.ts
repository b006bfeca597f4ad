/**
 * The XML stream parser for client connections: xmpp.js's Parser (on ltx) with the limits and
 * checks a client needs against a hostile or broken server (RFC 6120 §4.7 stream header,
 * §4.9.3.1 bad-format, §4.9.3.13 not-well-formed, §4.9.3.14 policy-violation, §4.9.3.18
 * restricted-xml, §5.4.3.3 STARTTLS proceed, §11.1 XML restrictions; XML 1.0 §2.2 characters).
 */
import { SwitchboardError } from '@switchboard/core';
import { type Element, Parser } from '@xmpp/xml';
import { MarkupScanner } from './MarkupScanner';
import { hasNonXmlChar, startTagProblem } from './startTagProblem';

/** Default largest stanza a client accepts, in bytes of UTF-8: 1 MiB. */
export const MAX_STANZA_BYTES = 1024 * 1024;

/** Default deepest element nesting inside one stanza (real stanzas stay below 20). */
export const MAX_STANZA_DEPTH = 128;

/** Limits of {@link LimitedParser}. */
export interface ParserLimits {
  /** Largest stanza (or unterminated token) buffered, in bytes. Default {@link MAX_STANZA_BYTES}. */
  readonly maxStanzaBytes: number;
  /** Deepest nesting inside one stanza. Default {@link MAX_STANZA_DEPTH}. */
  readonly maxDepth: number;
}

const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls';

function dataAfterProceed(): SwitchboardError {
  return new SwitchboardError(
    'SB_TLS_FAILED',
    'The server sent more data after <proceed/> instead of starting TLS; the connection was closed and no credential was sent.',
    { details: { reason: 'data-after-proceed' } },
  );
}

/** The parts of xmpp.js's Parser (lib/Parser.js) this subclass builds on; not in its typings. */
interface XmppParserInternals {
  root: Element | null;
  cursor: Element | null;
  emit(event: string, ...args: unknown[]): boolean;
  listenerCount(event: string): number;
  write(data: string): void;
  onStartElement(name: string, attrs: Record<string, string>): void;
  onEndElement(name: string, selfClosing?: boolean): void;
  onText(text: string): void;
}
const BaseParser = Parser as unknown as new () => XmppParserInternals;

/** ltx's message for a character reference to a character XML cannot carry (`&#0;`). */
const LTX_ILLEGAL_CHARACTER = 'Illegal XML character';

function malformed(problem: string, cause?: unknown): SwitchboardError {
  // The offending text is never echoed: it comes from the server and may be anything.
  return new SwitchboardError(
    'SB_XML_MALFORMED',
    `The server sent XML that could not be parsed (${problem}); the connection was closed.`,
    { details: { problem }, ...(cause === undefined ? {} : { cause }) },
  );
}

/** ltx throws on an undefined entity and on a reference to a character XML cannot carry. */
function ltxError(error: unknown): SwitchboardError {
  const character = error instanceof Error && error.message.startsWith(LTX_ILLEGAL_CHARACTER);
  return malformed(character ? 'invalid-character' : 'invalid entity or character', error);
}

/**
 * xmpp.js's stream parser, hardened. It reports the first problem once, as an `error` event
 * carrying a {@link SwitchboardError}, and ignores everything after it:
 * - SB_STANZA_TOO_LARGE when a stanza, or a token still unterminated (an element start tag,
 *   text without `<`), exceeds `maxStanzaBytes`, or a stanza nests deeper than `maxDepth`.
 *   Bytes are counted as they arrive: names, attributes, text and tags of the stanza exactly
 *   (a stanza of exactly the limit passes), plus tokens left unterminated across reads.
 * - SB_XML_MALFORMED for a close tag that does not match, a close tag or text before the
 *   stream header, character data at the stream level (whitespace is allowed and dropped),
 *   element or attribute names that are not XML names, and undefined entities (which make ltx
 *   throw inside the socket's data handler). `details.problem` is `restricted-xml` for a
 *   comment, processing instruction, DTD or entity declaration (only CDATA sections and the
 *   XML declaration before the stream header are allowed), at once and however it is split
 *   across reads; `stream-header` for a root element other than a `jabber:client` stream of
 *   version 1.x; `invalid-character` for text or an attribute value holding a character
 *   outside XML 1.0 `Char` (raw, in CDATA, or as a character reference).
 * - SB_TLS_FAILED for anything after a STARTTLS `<proceed/>`: those bytes must be TLS, and
 *   plaintext injected there must never be taken for part of the encrypted stream.
 */
export class LimitedParser extends BaseParser {
  readonly #limits: ParserLimits;
  /** Bytes of the stanza under construction (names, attributes, text). */
  #stanzaBytes = 0;
  /**
   * What ltx holds back without an event (its remainder, attributes of an open tag), counted
   * from the first chunk that brought no event: the tail of the chunk before it is not
   * counted, so the limit can be passed by at most one read (64 KiB on a socket, 16 KiB on TLS).
   */
  #pendingBytes = 0;
  #depth = 0;
  #sawEvent = false;
  #listenerThrew = false;
  #sealed = false;
  #heldProceed: string | undefined;
  #stopped = false;
  #carry = '';
  readonly #markup = new MarkupScanner();

  constructor(limits: Partial<ParserLimits> = {}) {
    super();
    this.#limits = {
      maxStanzaBytes: limits.maxStanzaBytes ?? MAX_STANZA_BYTES,
      maxDepth: limits.maxDepth ?? MAX_STANZA_DEPTH,
    };
  }

  override write(chunk: string): void {
    if (this.#stopped) return;
    // What comes before forbidden markup is parsed (as it would be if split there), never it.
    const restricted = this.#markup.scan(chunk);
    // ltx finds the end of `<?xml ...?>` and of CDATA by looking one or two characters back
    // within the chunk: split there, it would skip the rest of the stream. Such a tail (at most
    // two characters) waits for the next chunk.
    const joined = this.#carry + (restricted === -1 ? chunk : chunk.slice(0, restricted));
    const tail = restricted === -1 ? Math.min(2, /[?\]]*$/.exec(joined)?.[0].length ?? 0) : 0;
    this.#carry = joined.slice(joined.length - tail);
    const data = joined.slice(0, joined.length - tail);
    if (data === '' && restricted === -1) return;
    this.#sawEvent = false;
    try {
      super.write(data);
    } catch (error) {
      // Thrown by ltx (bad entity or character reference) or by a listener of ours.
      this.#fail(this.#listenerThrew ? error : ltxError(error));
      return;
    }
    if (this.#stopped) return;
    if (restricted !== -1) {
      this.#fail(
        this.#heldProceed === undefined ? malformed('restricted-xml') : dataAfterProceed(),
      );
      return;
    }
    if (this.#heldProceed !== undefined) {
      this.#releaseProceed(this.#heldProceed, data);
      return;
    }
    // A chunk without a single event only extends the token ltx holds back.
    if (!this.#sawEvent) this.#pendingBytes += Buffer.byteLength(data);
    this.#checkSize();
  }

  override onStartElement(name: string, attrs: Record<string, string>): void {
    if (!this.#accept()) return;
    const problem = startTagProblem(name, attrs, this.root === null);
    if (problem !== undefined) {
      this.#fail(malformed(problem));
      return;
    }
    if (this.root !== null) {
      if (this.cursor === this.root) {
        this.#stanzaBytes = 0;
        this.#depth = 0;
      }
      this.#depth += 1;
      this.#stanzaBytes += Buffer.byteLength(name) + 2;
      for (const [key, value] of Object.entries(attrs)) {
        this.#stanzaBytes += Buffer.byteLength(key) + Buffer.byteLength(value) + 4;
      }
      if (this.#depth > this.#limits.maxDepth) {
        this.#fail(this.#tooLarge('depth', this.#limits.maxDepth));
        return;
      }
      if (!this.#checkSize()) return;
    }
    this.#delegate(() => super.onStartElement(name, attrs));
  }

  override onEndElement(name: string, selfClosing = false): void {
    if (!this.#accept()) return;
    const { cursor, root } = this;
    if (cursor === null || name !== cursor.name) {
      this.#fail(
        malformed(cursor === null ? 'close tag before the stream' : 'mismatched close tag'),
      );
      return;
    }
    if (cursor === root) {
      // </stream:stream>: the server closed the stream; nothing after it is read.
      this.#stopped = true;
      this.#delegate(() => super.onEndElement(name));
      return;
    }
    this.#depth -= 1;
    this.#stanzaBytes += selfClosing ? 1 : Buffer.byteLength(name) + 3;
    if (!this.#checkSize()) return;
    if (!cursor.parent && cursor.name === 'proceed' && cursor.attrs.xmlns === NS_TLS) {
      // Only TLS may follow <proceed/>: it is released at the end of this chunk if nothing did.
      this.#sealed = true;
      this.#heldProceed = name;
      return;
    }
    if (!cursor.parent) {
      this.#stanzaBytes = 0;
      this.#depth = 0;
    }
    this.#delegate(() => super.onEndElement(name));
  }

  override onText(text: string): void {
    if (!this.#accept()) return;
    if (this.cursor === null || this.cursor === this.root) {
      // Whitespace between stanzas (keepalives) is dropped, not kept on the root forever.
      if (text.trim() !== '') this.#fail(malformed('character data outside a stanza'));
      return;
    }
    if (hasNonXmlChar(text)) {
      this.#fail(malformed('invalid-character'));
      return;
    }
    this.#stanzaBytes += Buffer.byteLength(text);
    if (this.#checkSize()) this.#delegate(() => super.onText(text));
  }

  /** Records the event; false when parsing has stopped (or must stop now). */
  #accept(): boolean {
    this.#sawEvent = true;
    // What ltx held back is now in this event, and counted in #stanzaBytes instead.
    this.#pendingBytes = 0;
    if (this.#stopped) return false;
    if (this.#sealed) {
      this.#fail(dataAfterProceed());
      return false;
    }
    return true;
  }

  /**
   * Emits the held `<proceed/>` unless non-whitespace text followed it in `chunk` (text after
   * the chunk's last `>` raises no ltx event). Elements after it already failed in #accept.
   */
  #releaseProceed(name: string, chunk: string): void {
    this.#heldProceed = undefined;
    if (chunk.slice(chunk.lastIndexOf('>') + 1).trim() !== '') {
      this.#fail(dataAfterProceed());
      return;
    }
    this.#delegate(() => super.onEndElement(name));
  }

  #checkSize(): boolean {
    const buffered = this.#stanzaBytes + this.#pendingBytes;
    if (buffered <= this.#limits.maxStanzaBytes) return true;
    this.#fail(this.#tooLarge('bytes', this.#limits.maxStanzaBytes));
    return false;
  }

  #tooLarge(limit: 'bytes' | 'depth', value: number): SwitchboardError {
    const what = limit === 'bytes' ? `larger than ${value} bytes` : `nested deeper than ${value}`;
    return new SwitchboardError(
      'SB_STANZA_TOO_LARGE',
      `The server sent a stanza ${what}; the connection was closed.`,
      { details: { limit, max: value } },
    );
  }

  /** Runs xmpp.js's handler (which emits to the connection's listeners), noting their throws. */
  #delegate(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.#listenerThrew = true;
      throw error;
    }
  }

  #fail(error: unknown): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#stanzaBytes = 0;
    this.#pendingBytes = 0;
    // Once xmpp.js has detached this parser (after the stream ended), nobody listens.
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}

/** A parser class with fixed limits, for a transport's `Parser` (xmpp.js calls `new Parser()`). */
export function limitedParserClass(limits: Partial<ParserLimits> = {}): typeof LimitedParser {
  return class extends LimitedParser {
    constructor() {
      super(limits);
    }
  };
}
