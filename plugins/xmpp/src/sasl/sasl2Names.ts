/** Namespaces of SASL2 (XEP-0388) and what it carries inline. */

/** XEP-0388: Extensible SASL Profile. */
export const NS_SASL2 = 'urn:xmpp:sasl:2';
/** XEP-0386: Bind 2. */
export const NS_BIND2 = 'urn:xmpp:bind:0';
/** XEP-0484: Fast Authentication Streamlining Tokens. */
export const NS_FAST = 'urn:xmpp:fast:0';
