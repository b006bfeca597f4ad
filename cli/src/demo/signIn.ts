import { type Credential, type StanzaLogger, Switchboard } from '@switchboard/core';
import { authorizeWithLoopback } from '@switchboard/core/node';
import { facebookModule } from '@switchboard/profile-facebook';
import { gtalkModule } from '@switchboard/profile-gtalk';
import { jabberModule } from '@switchboard/profile-jabber';
import { messengerModule } from '@switchboard/profile-messenger';
import { xmppModule } from '@switchboard/xmpp';
import { ircModules } from '../modules/ircModules';
import { AccountLog } from './AccountLog';
import {
  CAST,
  type CastMember,
  DEMO_JABBER_PASSWORD,
  FACEBOOK_APP_ID,
  OAUTH_CLIENT_ID,
} from './cast';
import { bare, type DemoAccount, emptyStats } from './DemoAccount';
import { DemoError } from './DemoError';
import type { Progress } from './Progress';
import type { Resources } from './Resources';
import type { Emulator } from './startEmulator';

/** The Switchboard of the demo and its signed-in accounts, in the order of {@link CAST}. */
export interface SignedIn {
  readonly switchboard: Switchboard;
  readonly accounts: readonly DemoAccount[];
}

/**
 * Messenger's OAuth2 authorization with code + PKCE on a loopback redirect, as a desktop host
 * does it; the "browser" is a `fetch` of the authorize URL that follows its redirect.
 */
async function authorizeMessenger(
  switchboard: Switchboard,
  signal: AbortSignal,
): Promise<Credential> {
  const client = switchboard.oauth2Client('messenger');
  if (client === undefined) throw new DemoError('No OAuth2 client is configured for Messenger.');
  const granted = await authorizeWithLoopback(client, {
    open: async (url) => {
      const response = await fetch(url, { signal });
      await response.arrayBuffer();
    },
    timeoutMs: 10_000,
  });
  return {
    kind: 'oauth2',
    accessToken: granted.accessToken,
    ...(granted.refreshToken === undefined ? {} : { refreshToken: granted.refreshToken }),
    ...(granted.expiresAt === undefined ? {} : { expiresAt: granted.expiresAt }),
  };
}

function credentialOf(member: CastMember, emulator: Emulator, messenger: Credential): Credential {
  switch (member.profile) {
    case 'jabber':
      return { kind: 'password', password: DEMO_JABBER_PASSWORD };
    case 'messenger':
      return messenger;
    case 'facebook':
      return { kind: 'oauth2', accessToken: emulator.facebookToken };
    case 'gtalk':
      return { kind: 'oauth2', accessToken: emulator.gtalkToken };
    case 'irc':
      throw new DemoError('The IRC accounts sign in with signInIrc.');
  }
}

/**
 * Signs in one account per network through `switchboard.accounts`: Messenger after an OAuth2
 * authorization against the local server (and through the wire tap), Facebook with its app id,
 * Google Talk and Jabber; shows the SASL mechanism each one chose.
 */
export async function signIn(
  emulator: Emulator,
  progress: Progress,
  resources: Resources,
  stanzaLog: StanzaLogger,
): Promise<SignedIn> {
  const { prosody, oauth, tap } = emulator;
  const switchboard = Switchboard.create({
    modules: [
      xmppModule,
      jabberModule,
      messengerModule,
      facebookModule,
      gtalkModule,
      ...ircModules,
    ],
    oauth2: {
      messenger: {
        clientId: OAUTH_CLIENT_ID,
        authorizationEndpoint: oauth.authorizationEndpoint,
        tokenEndpoint: oauth.tokenEndpoint,
      },
    },
    stanzaLog,
  });
  const messenger = await authorizeMessenger(switchboard, resources.signal);
  progress.detail(
    'Messenger authorized with OAuth2 code + PKCE: the "browser" followed the redirect to a loopback receiver',
  );
  const { accounts } = switchboard;
  resources.add('accounts', accounts, (a) => a.shutdown({ timeoutMs: 1_000 }));
  const joined = CAST.map((member): DemoAccount => {
    const viaTap = member.profile === 'messenger';
    const account = accounts.add({
      id: member.profile,
      profile: member.profile,
      address: member.address,
      credential: credentialOf(member, emulator, messenger),
      server: { host: prosody.host, port: viaTap ? tap.port : prosody.port },
      tls: { ca: prosody.ca },
      reconnect: { initialDelayMs: 50, maxDelayMs: 500 },
      ...(member.profile === 'facebook' ? { parameters: { apiKey: FACEBOOK_APP_ID } } : {}),
    });
    return {
      member,
      account,
      log: new AccountLog(account, member.network, resources.signal),
      stats: emptyStats(),
    };
  });
  const chosen = new Map<string, { mechanism: string; skipped: string[] }>();
  accounts.on('mechanism', (account, mechanism, trace) => {
    if (chosen.has(account.id)) return;
    const skipped = trace.filter((t) => t.outcome === 'skipped').map((t) => t.mechanism);
    chosen.set(account.id, { mechanism, skipped });
  });
  const { failed } = await accounts.connectAll();
  const first = failed[0];
  if (first !== undefined) {
    const network = joined.find((j) => j.account.id === first.account)?.member.network;
    throw new DemoError(`${network ?? first.account} could not sign in: ${first.error.message}`, {
      cause: first.error,
    });
  }
  // Online is before the server has handled the initial presence. A server handles a stream's
  // stanzas in order: once it answered a request sent after it, presence sent to the account
  // from now on finds it available.
  await Promise.all(joined.map(({ account }) => account.refreshCapabilities()));
  for (const { member, account, stats } of joined) {
    const { mechanism, skipped = [] } = chosen.get(account.id) ?? {};
    if (mechanism !== undefined) stats.mechanism = mechanism;
    const also = skipped.length === 0 ? '' : ` (also offered: ${skipped.join(', ')})`;
    progress.detail(
      `${member.network.padEnd(12)} ${bare(account.address ?? member.address).padEnd(20)} online, SASL ${mechanism ?? '?'}${also}`,
    );
  }
  return { switchboard, accounts: joined };
}
