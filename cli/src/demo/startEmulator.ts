import { randomBytes } from 'node:crypto';
import {
  type OAuthServer,
  type ProsodyServer,
  startOAuthServer,
  startProsody,
  startWireTap,
  TokenTable,
  type WireTap,
  withProviders,
} from '@switchboard/testing';
import { CAST, castOf, DEMO_JABBER_PASSWORD, FACEBOOK_APP_ID, OAUTH_CLIENT_ID } from './cast';
import { BRIDGE_NICK, DEMO_BRIDGE_PASSWORD } from './ircCast';
import type { Progress } from './Progress';
import { prosodyPid } from './prosodyPid';
import type { Resources } from './Resources';

/** The local stand-ins for the providers, as {@link startEmulator} starts them. */
export interface Emulator {
  readonly prosody: ProsodyServer;
  /** Prosody's process id, from its pidfile. */
  readonly pid: number | undefined;
  /** The tokens the emulated providers accept. */
  readonly tokens: TokenTable;
  /** The OAuth2 authorization server that issues Messenger's tokens into {@link tokens}. */
  readonly oauth: OAuthServer;
  /** A TCP proxy in front of Prosody for the Messenger account, so its link can be cut. */
  readonly tap: WireTap;
  /** Access tokens handed to the Facebook and Google Talk accounts (never printed). */
  readonly facebookToken: string;
  readonly gtalkToken: string;
}

/** What each emulated host offers, for the transcript. */
const OFFERS: Readonly<Record<string, string>> = {
  jabber: 'SCRAM-SHA-256, SCRAM-SHA-1, PLAIN',
  messenger: 'X-MESSENGER-OAUTH2 and Live limits',
  facebook: 'X-FACEBOOK-PLATFORM and Facebook limits',
  gtalk: 'X-OAUTH2, X-GOOGLE-TOKEN, PLAIN',
};

const randomToken = (prefix: string): string => `${prefix}${randomBytes(30).toString('base64url')}`;

/**
 * Starts Prosody on loopback with one virtual host per network (Messenger, Facebook and Google
 * Talk emulated by the test kit's Lua modules, Jabber with a password user), a token table, the
 * local OAuth2 server for Messenger and a wire tap; each is held by `resources` to be stopped.
 */
export async function startEmulator(progress: Progress, resources: Resources): Promise<Emulator> {
  const tokens = resources.add('token table', await TokenTable.create(), (t) => t.remove());
  const jabber = castOf('jabber');
  const prosody = await startProsody(
    withProviders(
      {
        // Jabber's rooms, archived, and carbons; the emulated providers refuse all three.
        rooms: { domain: `conference.${jabber.domain}` },
        archive: true,
        carbons: true,
        hosts: [
          {
            domain: jabber.domain,
            users: [
              { username: jabber.user, password: DEMO_JABBER_PASSWORD },
              // The Jabber side of the IRC bridge.
              { username: BRIDGE_NICK, password: DEMO_BRIDGE_PASSWORD },
            ],
          },
        ],
      },
      {
        tokenFile: tokens.file,
        messenger: { domain: castOf('messenger').domain },
        facebook: { domain: castOf('facebook').domain, apiKey: FACEBOOK_APP_ID },
        gtalk: { domain: castOf('gtalk').domain },
      },
    ),
  );
  const pid = await prosodyPid(prosody.dir);
  const name = pid === undefined ? 'Prosody' : `Prosody (pid ${pid})`;
  resources.add(name, prosody, (p) => p.stop());
  progress.detail(`${name} on ${prosody.host}:${prosody.port}, one virtual host per network:`);
  for (const m of CAST)
    progress.detail(`  ${m.domain.padEnd(15)} ${m.network}: ${OFFERS[m.profile]}`);

  const messenger = castOf('messenger');
  const oauth = resources.add(
    'OAuth2 server',
    await startOAuthServer({
      tokens,
      user: messenger.user,
      host: messenger.domain,
      clientId: OAUTH_CLIENT_ID,
    }),
    (o) => o.stop(),
  );
  progress.detail(
    `OAuth2 server on ${oauth.issuer} (code + PKCE, refresh tokens) for Messenger's tokens`,
  );
  const tap = resources.add(
    'wire tap',
    await startWireTap({ targetHost: prosody.host, targetPort: prosody.port }),
    (t) => t.close(),
  );
  progress.detail(`Wire tap on ${prosody.host}:${tap.port} in front of Prosody for Messenger`);

  const facebookToken = randomToken('EAAB');
  const gtalkToken = randomToken('ya29.');
  await tokens.issue({
    token: facebookToken,
    user: castOf('facebook').user,
    host: castOf('facebook').domain,
  });
  await tokens.issue({
    token: gtalkToken,
    user: castOf('gtalk').user,
    host: castOf('gtalk').domain,
    mechanisms: ['X-OAUTH2'],
  });
  progress.detail('Facebook and Google Talk access tokens issued (random, never shown)');
  return { prosody, pid, tokens, oauth, tap, facebookToken, gtalkToken };
}
