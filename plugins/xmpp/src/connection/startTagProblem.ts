/**
 * What a client checks in each start tag the server sends, beyond what ltx parses: XML names
 * (Namespaces in XML §4), characters (XML 1.0 §2.2 `Char`) and the stream header (RFC 6120
 * §4.7, §4.8).
 */

const NAME_START =
  'A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\uFFFD';
const NCNAME = `[${NAME_START}][${NAME_START}0-9.\\-\\u00B7]*`;
/** An XML qualified name; ltx accepts anything between `<` and `>`. */
const QNAME = new RegExp(`^${NCNAME}(?::${NCNAME})?$`);

/**
 * Text made of XML 1.0 `Char` only: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]. With the `u` flag a lone surrogate is one code point, and not a `Char`.
 * Matching what is allowed is about twice as fast in V8 as searching for what is not, on text
 * beyond ASCII (and a little faster on ASCII): about 130 ns for a 100-character body.
 */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

const NS_STREAMS = 'http://etherx.jabber.org/streams';
const NS_CLIENT = 'jabber:client';
/** RFC 6120 §4.7.5: major version 1, any minor version. */
const VERSION_1 = /^1\.[0-9]+$/;

/** True when `text` (decoded text or an attribute value) holds a character XML cannot carry. */
export function hasNonXmlChar(text: string): boolean {
  return !XML_CHARS.test(text);
}

/**
 * True for `<stream:stream>` as RFC 6120 requires of a server's client stream: local name
 * `stream` in the streams namespace (under whatever prefix binds it), default namespace
 * `jabber:client` (§4.8.2), version 1.x.
 */
function isClientStreamHeader(name: string, attrs: Readonly<Record<string, string>>): boolean {
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? undefined : name.slice(0, colon);
  const namespace = prefix === undefined ? attrs.xmlns : attrs[`xmlns:${prefix}`];
  return (
    name.slice(colon + 1) === 'stream' &&
    namespace === NS_STREAMS &&
    attrs.xmlns === NS_CLIENT &&
    VERSION_1.test(attrs.version ?? '')
  );
}

/**
 * The problem with a start tag, or `undefined`: a name that is not an XML name, an attribute
 * value holding a character XML cannot carry, or (for the root element) anything but a client
 * stream header. The problem names the check (`SB_XML_MALFORMED` `details.problem`).
 */
export function startTagProblem(
  name: string,
  attrs: Readonly<Record<string, string>>,
  root: boolean,
): string | undefined {
  if (!QNAME.test(name)) return 'invalid element or attribute name';
  for (const key in attrs) {
    if (!QNAME.test(key)) return 'invalid element or attribute name';
    if (!XML_CHARS.test(attrs[key] as string)) return 'invalid-character';
  }
  if (root && !isClientStreamHeader(name, attrs)) return 'stream-header';
  return undefined;
}
