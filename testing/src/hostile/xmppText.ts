/**
 * XMPP text for hostile scripts (RFC 6120): stream header, features, STARTTLS answers, SASL
 * elements, stream errors, and stanzas of a chosen size. Everything is a plain string, so a
 * script can also cut it, break it or glue it to garbage.
 */

/** The STARTTLS namespace (RFC 6120 §5). */
export const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls';
/** The SASL namespace (RFC 6120 §6). */
export const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_STREAMS = 'http://etherx.jabber.org/streams';
const NS_STREAM_ERRORS = 'urn:ietf:params:xml:ns:xmpp-streams';
const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
/** The stream management namespace (XEP-0198). */
export const NS_SM = 'urn:xmpp:sm:3';

/** The server's stream header (RFC 6120 §4.7) for `domain`. */
export function streamHeader(domain = 'example.test'): string {
  return (
    `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='${NS_STREAMS}'` +
    ` id='hostile-${Math.random().toString(36).slice(2)}' from='${domain}' version='1.0'>`
  );
}

/** `<stream:features>` holding the given feature elements. */
export function streamFeatures(...features: readonly string[]): string {
  return `<stream:features>${features.join('')}</stream:features>`;
}

/** The STARTTLS feature, required. */
export const starttlsFeature = `<starttls xmlns='${NS_TLS}'><required/></starttls>`;

/** The SASL feature offering `mechanisms`. */
export function mechanismsFeature(mechanisms: readonly string[]): string {
  const list = mechanisms.map((m) => `<mechanism>${m}</mechanism>`).join('');
  return `<mechanisms xmlns='${NS_SASL}'>${list}</mechanisms>`;
}

/** The resource binding feature (RFC 6120 §7). */
export const bindFeature = `<bind xmlns='${NS_BIND}'/>`;

/** The answer to `<starttls/>` that lets TLS start. */
export const tlsProceed = `<proceed xmlns='${NS_TLS}'/>`;

/** The answer to `<starttls/>` that refuses TLS. */
export const tlsFailure = `<failure xmlns='${NS_TLS}'/>`;

/**
 * A SASL element (RFC 6120 §6.4) with `payload` base64-encoded; `payload` undefined gives an
 * empty element. Pass `raw` to put text in as it is (e.g. something that is not base64).
 */
export function saslElement(
  name: 'challenge' | 'success' | 'failure',
  payload?: string | Uint8Array,
  raw?: string,
): string {
  const text = raw ?? (payload === undefined ? undefined : Buffer.from(payload).toString('base64'));
  return text === undefined
    ? `<${name} xmlns='${NS_SASL}'/>`
    : `<${name} xmlns='${NS_SASL}'>${text}</${name}>`;
}

/** A SASL `<failure/>` with a defined condition (RFC 6120 §6.5). */
export function saslFailure(condition = 'not-authorized'): string {
  return `<failure xmlns='${NS_SASL}'><${condition}/></failure>`;
}

/** A stream error (RFC 6120 §4.9) with `condition` and optional text. */
export function streamError(condition: string, text?: string): string {
  const described = text === undefined ? '' : `<text xmlns='${NS_STREAM_ERRORS}'>${text}</text>`;
  return `<stream:error><${condition} xmlns='${NS_STREAM_ERRORS}'/>${described}</stream:error>`;
}

/** The result of a resource binding request with id `id`, assigning `jid`. */
export function bindResult(id: string, jid: string): string {
  return `<iq type='result' id='${id}'><bind xmlns='${NS_BIND}'><jid>${jid}</jid></bind></iq>`;
}

/**
 * A `<message/>` of exactly `bytes` bytes whose body is `x` repeated; with `complete: false`
 * the closing tags are left off (the text never ends), and the string is `bytes` long.
 */
export function sizedStanza(bytes: number, { complete = true } = {}): string {
  const open = "<message from='peer@example.test' type='chat'><body>";
  const close = complete ? '</body></message>' : '';
  return open + 'x'.repeat(Math.max(0, bytes - open.length - close.length)) + close;
}

/** The stream management feature (XEP-0198 §2). */
export const smFeature = `<sm xmlns='${NS_SM}'/>`;

/** The answer to `<enable/>` (XEP-0198 §3): stream `id`, resumable unless `resume` is false. */
export function smEnabled(id: string, resume = true): string {
  return `<enabled xmlns='${NS_SM}' id='${id}'${resume ? " resume='true'" : ''}/>`;
}

/** The answer to `<resume/>` that resumes stream `previd`, having handled `h` stanzas (§5). */
export function smResumed(previd: string, h: number): string {
  return `<resumed xmlns='${NS_SM}' previd='${previd}' h='${h}'/>`;
}

/** The answer to `<resume/>` that refuses it (§5), optionally saying how much was handled. */
export function smFailed(h?: number): string {
  const handled = h === undefined ? '' : ` h='${h}'`;
  return `<failed xmlns='${NS_SM}'${handled}><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>`;
}

/** An acknowledgement: `h` stanzas handled (§4). */
export function smAck(h: number): string {
  return `<a xmlns='${NS_SM}' h='${h}'/>`;
}

/** A request for an acknowledgement (§4). */
export const smRequest = `<r xmlns='${NS_SM}'/>`;
