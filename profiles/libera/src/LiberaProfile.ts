import type { ProfileDescriptor } from '@switchboard/core';
import { injectable, injectFromBase } from '@switchboard/core';
import { IrcPlugin, ircDefaults } from '@switchboard/irc';

/**
 * Outbound pace on Libera.Chat: 4 lines at once, then one every 2 s, below what its servers
 * (solanum) tolerate before "Excess Flood"; an account's `parameters.flood` overrides it.
 */
export const LIBERA_FLOOD = '4/2000';

/**
 * Libera.Chat (https://libera.chat): `irc.libera.chat`, TLS from the first byte on port 6697.
 *
 * SASL as documented in Libera's guide (https://libera.chat/guides/sasl): PLAIN (account name
 * and password), EXTERNAL (a TLS client certificate whose fingerprint is added to NickServ) and
 * ECDSA-NIST256P-CHALLENGE (a key set with NickServ `SET PUBKEY`). The guide documents no SCRAM
 * mechanism, so the profile allows none: a password logs in with PLAIN, over TLS only. Preference,
 * strongest first: EXTERNAL, ECDSA-NIST256P-CHALLENGE, PLAIN; the account's credential decides.
 *
 * Policies: some address ranges (VPNs, hosting providers) must authenticate with SASL to an
 * account with a verified e-mail address; accounts always authenticate with SASL here, so they
 * connect from those ranges too. Keepalive: a PING after 90 s of silence (the server pings idle
 * clients itself about every 2 minutes); flood control {@link LIBERA_FLOOD}.
 *
 * Conversations: channels and `echo-message` as on any IRCv3 network; no history, no messages
 * from the user's other clients and no read markers (see each capability's note).
 */
export const liberaProfile: ProfileDescriptor = {
  ...ircDefaults,
  id: 'libera',
  name: 'Libera.Chat',
  server: { host: 'irc.libera.chat', port: 6697, tls: 'direct' },
  mechanisms: ['EXTERNAL', 'ECDSA-NIST256P-CHALLENGE', 'PLAIN'],
  credentialKinds: ['password', 'certificate', 'ecdsa-p256'],
  liveness: {
    keepaliveMs: 90_000,
    keepalive: 'probe',
    probeAfterMs: 150_000,
    probeTimeoutMs: 30_000,
  },
  // Channels (`rooms`) and `echo-message` (which `receipts` builds on) as in the IRC base: both
  // are in Libera's `CAP LS` (https://github.com/solanum-ircd/solanum/issues/441).
  capabilities: {
    ...ircDefaults.capabilities,
    /**
     * No server-side history: solanum offers neither `draft/chathistory` nor
     * `znc.in/playback`; Libera's `CAP LS` lists neither
     * (https://github.com/solanum-ircd/solanum/issues/441), nor does the IRCv3 rollout Libera
     * announced in 2026 (message tags, msgid, batch, invite-notify; summarised at
     * https://fooqux.com/article/2683), which names `draft/multiline` and `labeled-response` as
     * what comes next.
     */
    history: false,
    /**
     * No messages from the user's other clients: one nick is one connection on solanum (no
     * multi-client sessions, no `znc.in/self-message`), and `echo-message` echoes only to the
     * connection that sent the line. A bouncer in front of Libera can add them: use the generic
     * IRC profile for it.
     */
    otherDevices: false,
    /** No read markers: `draft/read-marker` is not in Libera's `CAP LS` (issue above). */
    readMarkers: false,
  },
};

/** The Libera.Chat profile: the base IRC plugin with Libera's servers, mechanisms and pace. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class LiberaProfile extends IrcPlugin {
  override readonly profile: ProfileDescriptor = liberaProfile;

  protected override readonly flood = LIBERA_FLOOD;
}
