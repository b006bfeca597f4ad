import type { AccountState, Switchboard } from '@switchboard/core';
import type { DemoAccount } from './DemoAccount';
import { DemoError } from './DemoError';
import { formatDuration, type Progress } from './Progress';
import { deliver } from './relayMessages';
import type { Emulator } from './startEmulator';

/**
 * Expires the account's access token at the OAuth2 server and cuts its connection at the wire
 * tap: without the host doing anything, the account must refresh its token (one `refresh_token`
 * grant), come back by itself (`reconnected`), and deliver one more message to `peer`.
 */
export async function refreshAfterExpiry(
  expiring: DemoAccount,
  peer: DemoAccount,
  switchboard: Switchboard,
  emulator: Emulator,
  progress: Progress,
): Promise<void> {
  const { account, member, log } = expiring;
  const { oauth, tap } = emulator;
  const refreshGrants = (): number =>
    oauth.requests().filter((r) => r.endpoint === 'token' && r.grantType === 'refresh_token')
      .length;
  const grantsBefore = refreshGrants();
  let refreshed = 0;
  switchboard.credentials.on('tokens', (change) => {
    if (change.accountId === account.id && change.reason === 'refreshed') refreshed += 1;
  });
  const states: AccountState[] = [];
  account.on('state', (change) => states.push(change.to));

  await oauth.expireAccessTokens();
  progress.detail(`The OAuth2 server expired ${member.network}'s access token`);
  tap.cut();
  progress.detail(`The wire tap cut ${member.network}'s connection (TCP reset)`);
  const back = await log.waitFor('reconnected', () => true, 'reconnect after the cut', 10_000);

  const grants = refreshGrants() - grantsBefore;
  if (grants !== 1 || refreshed !== 1) {
    throw new DemoError(
      `${member.network} should have refreshed its token once; the OAuth2 server saw ${grants} refresh_token grants.`,
    );
  }
  const logins = states.filter((s) => s === 'authenticating').length;
  const refused = logins > 1 ? 'its login with the expired token was refused, so ' : '';
  progress.detail(
    `Switchboard noticed: ${refused}it used 1 refresh_token grant and logged in again`,
  );
  const how = back.resumed ? ', stream resumed (XEP-0198)' : ', fresh session';
  const attempts = `${back.attempts} attempt${back.attempts === 1 ? '' : 's'}`;
  const downtime = formatDuration(back.downtimeMs);
  progress.detail(
    `${member.network} reconnected after ${attempts} in ${downtime}${how}; the host saw only "reconnected"`,
  );
  const name = peer.member.user.charAt(0).toUpperCase() + peer.member.user.slice(1);
  const body = `Still here after a token refresh, ${name}!`;
  const took = await deliver(expiring, peer, body);
  progress.detail(
    `${member.network} → ${peer.member.network}: "${body}" delivered in ${formatDuration(took)}`,
  );
  expiring.stats.refresh = `access token expired → 1 refresh_token grant, reconnected in ${downtime}${how}`;
}
