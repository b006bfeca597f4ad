/**
 * Who takes part on the IRC side of the demo: Iris, a user of the local IRC network, and the
 * host's bridge, signed in as `relay` on both sides (on IRC and as relay@jabber.test), which
 * passes messages between Jack on Jabber and Iris on IRC.
 */
import type { CastMember } from './cast';

/** The loopback address the test ergo listens on, and so the server part of IRC addresses. */
export const IRC_HOST = '127.0.0.1';

/** Iris on IRC: a member of the cast like the XMPP ones, her address `iris@127.0.0.1`. */
export const IRIS: CastMember = {
  profile: 'irc',
  network: 'IRC',
  domain: IRC_HOST,
  user: 'iris',
  address: `iris@${IRC_HOST}`,
};

/** The bridge's nick on IRC and its local part on the Jabber host. */
export const BRIDGE_NICK = 'relay';

/** The bridge's IRC account, as a cast member (its row in the summary). */
export const BRIDGE_IRC: CastMember = {
  profile: 'irc',
  network: 'IRC bridge',
  domain: IRC_HOST,
  user: BRIDGE_NICK,
  address: `${BRIDGE_NICK}@${IRC_HOST}`,
};

/**
 * The passwords of Iris and the bridge on the throwaway ergo and Prosody (removed when the demo
 * ends). Fixed so the demo's test can prove they are never printed.
 */
export const DEMO_IRIS_PASSWORD = 'demo-iris-password-2c9a';
export const DEMO_BRIDGE_PASSWORD = 'demo-relay-password-81d4';

/** The SASL mechanism the IRC accounts are made to use (ergo also offers PLAIN and EXTERNAL). */
export const IRC_MECHANISM = 'SCRAM-SHA-256';
