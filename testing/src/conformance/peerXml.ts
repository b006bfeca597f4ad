/** The XML text the conformance peer writes. */

/** Escapes text for XML content or a quoted attribute value. */
export const escapeXml = (s: string): string =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );
/** Attributes as ` key='value'` pairs; undefined values are left out. */
export const attrs = (a: Record<string, string | undefined>): string =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}='${escapeXml(v ?? '')}'`)
    .join('');
/** The client's stream header to `domain` (RFC 6120 §4.7). */
export const streamHeader = (domain: string): string =>
  `<?xml version='1.0'?><stream:stream to='${escapeXml(domain)}' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`;

/** The bare address (`user@domain`) of a full one. */
export const bare = (address: string): string => address.split('/')[0] ?? address;
