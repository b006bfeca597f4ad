/**
 * The numeric replies the IRC plugin acts on (https://modern.ircdocs.horse/#numerics,
 * https://ircv3.net/specs/extensions/sasl-3.1 and sasl-3.2).
 */
export const Numerics = {
  /** Registration succeeded; the first parameter is the nick the server gave us. */
  RPL_WELCOME: '001',
  /** Server features (`LINELEN`, `NICKLEN`, `CHANTYPES`…), over one or more lines. */
  RPL_ISUPPORT: '005',
  /** The nick has characters the server refuses. */
  ERR_ERRONEUSNICKNAME: '432',
  /** The nick is taken. */
  ERR_NICKNAMEINUSE: '433',
  /** The nick collided with one on another server. */
  ERR_NICKCOLLISION: '436',
  /** Logged in to an account: `<nick> <nick!user@host> <account> :text`. */
  RPL_LOGGEDIN: '900',
  /** Logged out of the account. */
  RPL_LOGGEDOUT: '901',
  /** The account is held by a nick the client may not use (ERR_NICKLOCKED). */
  ERR_NICKLOCKED: '902',
  /** SASL succeeded. */
  RPL_SASLSUCCESS: '903',
  /** SASL failed (bad credential or mechanism error). */
  ERR_SASLFAIL: '904',
  /** An AUTHENTICATE parameter was too long. */
  ERR_SASLTOOLONG: '905',
  /** The SASL exchange was aborted. */
  ERR_SASLABORTED: '906',
  /** Already authenticated. */
  ERR_SASLALREADY: '907',
  /** The mechanisms the server offers: `<nick> <mech,mech> :are available SASL mechanisms`. */
  RPL_SASLMECHS: '908',
} as const;

/** The name of a numeric in {@link Numerics}. */
export type NumericName = keyof typeof Numerics;
