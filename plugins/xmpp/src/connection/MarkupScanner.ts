/**
 * Finds the markup RFC 6120 §11.1 forbids in an XML stream: comments, processing instructions
 * (the XML declaration before the stream header aside), DTDs and entity declarations, that is
 * every `<!` other than a CDATA section and every `<?` other than `<?xml ...?>`.
 *
 * ltx (lib/parsers/ltx.js) skips such markup up to a `-->`, `]]>` or `?>` that may never come,
 * swallowing the rest of the stream. It enters that state on a `!` or `?` anywhere in a tag
 * name (`<a!b>` too), so this scanner follows ltx's own states through tags and attribute
 * values: it sees each `<` exactly where ltx does, whatever the server sends.
 */

enum State {
  Text,
  TagName,
  Tag,
  AttrName,
  AttrEq,
  AttrQuote,
  AttrValue,
  Cdata,
  Declaration,
}

const CDATA_OPEN = '<![CDATA[';
const DECLARATION_OPEN = '<?xml ';
/** `<?xml` and whitespace (XML 1.0 §2.8 `XMLDecl`); `<?xml-stylesheet` is another PI. */
const DECLARATION = /^<\?xml[\t\n\r ]$/;
/** Characters ltx keeps in a tag name, and those it keeps in an attribute name. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ltx ends a name at any code up to 32
const TAG_NAME = /[^\x00-\x20/>!?]*/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ltx ends a name at any code up to 32
const ATTR_NAME = /[^\x00-\x20=]*/y;
const QUOTE = /["']/g;
const EQUALS = 61;
const GREATER = 62;
const SLASH = 47;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const FORBIDDEN = -1;
const NEEDS_MORE = -2;

/** The longest end of `text` that begins `marker` without being all of it. */
function partialEnd(text: string, marker: string): string {
  for (let n = Math.min(marker.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(marker.slice(0, n))) return text.slice(text.length - n);
  }
  return '';
}

/** Where the sticky `pattern`, which matches the empty string too, stops matching from `pos`. */
function skip(pattern: RegExp, text: string, pos: number): number {
  pattern.lastIndex = pos;
  pattern.test(text);
  return pattern.lastIndex;
}

/**
 * Scans a stream chunk by chunk, before the chunks reach ltx. A marker split between chunks is
 * decided when the rest arrives: the undecided end (at most 8 characters) is kept.
 */
export class MarkupScanner {
  #state = State.Text;
  #quote = '';
  /** Right after a tag's `<`: the only place `<![CDATA[` and `<?xml` may start. */
  #afterLt = false;
  /** Where ltx takes a `/` for the mark of an end tag: after `<` and after such a `/`. */
  #nameStart = false;
  #undecided = '';
  #rootBegun = false;
  #declared = false;

  /**
   * Scans the next chunk. Returns how many of its characters come before forbidden markup
   * (0 when the markup began in an earlier chunk), or -1 when it holds none. Once it returned
   * a position, the stream is broken and the scanner must not be used again.
   */
  scan(chunk: string): number {
    const carried = this.#undecided.length;
    const text = this.#undecided + chunk;
    this.#undecided = '';
    const at = this.#forbiddenAt(text);
    return at === -1 ? -1 : Math.max(0, at - carried);
  }

  /** Follows ltx through `text`: the index of the `<` of forbidden markup, or -1. */
  #forbiddenAt(text: string): number {
    /** The `<` of the tag being read (0 when it came in an earlier chunk). */
    let tagStart = 0;
    let pos = 0;
    while (pos < text.length) {
      switch (this.#state) {
        case State.Text: {
          const lt = text.indexOf('<', pos);
          if (lt === -1) return -1;
          if (lt === text.length - 1) {
            this.#undecided = '<';
            return -1;
          }
          this.#state = State.TagName;
          this.#afterLt = true;
          this.#nameStart = true;
          tagStart = lt;
          pos = lt + 1;
          break;
        }
        case State.TagName: {
          const c = text.charAt(pos);
          if (c === '!' || c === '?') {
            // ltx skips to `-->`, `]]>` or `?>` on either, wherever it stands in the name.
            if (!this.#afterLt) return tagStart;
            const next = this.#opened(text, tagStart, c === '!');
            if (next < 0) return next === NEEDS_MORE ? -1 : tagStart;
            pos = next;
            break;
          }
          this.#afterLt = false;
          if (c === '/' && this.#nameStart) {
            pos += 1;
            break;
          }
          this.#nameStart = false;
          const end = skip(TAG_NAME, text, pos);
          if (end === text.length) return -1;
          const stop = text.charAt(end);
          if (stop === '!' || stop === '?') return tagStart;
          this.#rootBegun = true;
          this.#state = State.Tag;
          pos = end;
          break;
        }
        case State.Tag: {
          const c = text.charCodeAt(pos);
          if (c === GREATER) this.#state = State.Text;
          else if (c > 32 && c !== SLASH) this.#state = State.AttrName;
          pos += 1;
          break;
        }
        case State.AttrName: {
          pos = skip(ATTR_NAME, text, pos);
          if (pos === text.length) return -1;
          const quote = text.charCodeAt(pos + 1);
          if (
            text.charCodeAt(pos) === EQUALS &&
            (quote === DOUBLE_QUOTE || quote === SINGLE_QUOTE)
          ) {
            // The common `name='value'`, without a round through AttrEq and AttrQuote.
            this.#quote = text.charAt(pos + 1);
            this.#state = State.AttrValue;
            pos += 2;
          } else {
            this.#state = State.AttrEq;
          }
          break;
        }
        case State.AttrEq: {
          const eq = text.charCodeAt(pos) === EQUALS ? pos : text.indexOf('=', pos);
          if (eq === -1) return -1;
          this.#state = State.AttrQuote;
          pos = eq + 1;
          break;
        }
        case State.AttrQuote: {
          const c = text.charCodeAt(pos);
          QUOTE.lastIndex = pos;
          const quote = c === DOUBLE_QUOTE || c === SINGLE_QUOTE ? pos : QUOTE.exec(text)?.index;
          if (quote === undefined) return -1;
          this.#quote = text.charAt(quote);
          this.#state = State.AttrValue;
          pos = quote + 1;
          break;
        }
        case State.AttrValue: {
          const end = text.indexOf(this.#quote, pos);
          if (end === -1) return -1;
          this.#state = State.Tag;
          pos = end + 1;
          break;
        }
        case State.Cdata:
        case State.Declaration: {
          const close = this.#state === State.Cdata ? ']]>' : '?>';
          const end = text.indexOf(close, pos);
          if (this.#state === State.Declaration) {
            // The declaration holds no markup: ltx would swallow a tag in it up to the next `?>`.
            const lt = text.indexOf('<', pos);
            if (lt !== -1 && (end === -1 || lt < end)) return lt;
          }
          if (end === -1) {
            this.#undecided = partialEnd(text.slice(pos), close);
            return -1;
          }
          this.#state = State.Text;
          pos = end + close.length;
          break;
        }
      }
    }
    return -1;
  }

  /**
   * `<!` or `<?` at `lt`: a CDATA section, or the one XML declaration before the root element,
   * is entered (the index after its opener); a prefix of either at the end of `text` waits for
   * the next chunk (NEEDS_MORE); anything else is forbidden (FORBIDDEN).
   */
  #opened(text: string, lt: number, cdata: boolean): number {
    const open = cdata ? CDATA_OPEN : DECLARATION_OPEN;
    if (!cdata && (this.#rootBegun || this.#declared)) return FORBIDDEN;
    const head = text.slice(lt, lt + open.length);
    if (cdata ? head === CDATA_OPEN : DECLARATION.test(head)) {
      this.#state = cdata ? State.Cdata : State.Declaration;
      this.#declared ||= !cdata;
      return lt + open.length;
    }
    if (head.length === open.length || !open.startsWith(head)) return FORBIDDEN;
    this.#state = State.Text;
    this.#undecided = text.slice(lt);
    return NEEDS_MORE;
  }
}
