/**
 * Who takes part in the demo: one account per profile, each on its own emulated provider host of
 * one local Prosody. The order is the order of the message relay (each writes to the next, the
 * last to the first).
 */

/** A network of the demo and the account signed in to it. */
export interface CastMember {
  /** The profile id, e.g. `'messenger'` (`'irc'` for the IRC side, see `ircCast.ts`). */
  readonly profile: 'jabber' | 'messenger' | 'facebook' | 'gtalk' | 'irc';
  /** What the user calls the network. */
  readonly network: string;
  /** The virtual host of the local Prosody that plays the provider. */
  readonly domain: string;
  /** The account's local part. */
  readonly user: string;
  /** The bare address, `user@domain`. */
  readonly address: string;
}

function member(
  profile: Exclude<CastMember['profile'], 'irc'>,
  network: string,
  user: string,
  domain: string,
): CastMember {
  return { profile, network, domain, user, address: `${user}@${domain}` };
}

/** Jabber → Messenger → Facebook → Google Talk → (back to) Jabber. */
export const CAST: readonly CastMember[] = [
  member('jabber', 'Jabber', 'jack', 'jabber.test'),
  member('messenger', 'Messenger', 'mark', 'messenger.test'),
  member('facebook', 'Facebook', 'fiona', 'facebook.test'),
  member('gtalk', 'Google Talk', 'greg', 'gmail.test'),
];

/**
 * The Jabber account's password on the throwaway loopback server (removed when the demo ends).
 * Fixed so the demo's test can prove it is never printed; tokens are random on every run.
 */
export const DEMO_JABBER_PASSWORD = 'demo-jack-password-7f3e';

/** The Facebook app id the emulated Facebook expects (`parameters.apiKey`, not a secret). */
export const FACEBOOK_APP_ID = '123456789';

/** The demo's OAuth2 client id at the local authorization server (public, not a secret). */
export const OAUTH_CLIENT_ID = 'switchboard-demo';

/** The cast member of a profile. */
export function castOf(profile: CastMember['profile']): CastMember {
  const found = CAST.find((m) => m.profile === profile);
  if (found === undefined) throw new Error(`No demo account for profile ${profile}.`);
  return found;
}
