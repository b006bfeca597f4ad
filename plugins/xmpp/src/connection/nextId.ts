let counter = 0;

/** A stanza id unique within this process (XMPP ids need only be unique per stream). */
export function nextId(prefix = 'sb'): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}`;
}
