import type { OAuth2Client, ProfileDescriptor, Switchboard } from '@switchboard/core';
import type { AccountEntry } from '../config/AccountEntry';
import type { ConfigFile } from '../config/ConfigFile';
import { credentialKindOf } from '../credentials/credentialKindOf';
import { CliError } from '../support/CliError';
import { ExitCode } from '../support/ExitCode';

/**
 * The OAuth2 client to sign `entry` in with.
 * @throws CliError (exit 2) when the account does not use OAuth2, or the config file has no
 *   client id for its profile; SB_CONFIG_INVALID when the endpoints are unusable.
 */
export function oauth2ClientFor(
  switchboard: Switchboard,
  config: ConfigFile,
  entry: AccountEntry,
  profile: ProfileDescriptor,
): OAuth2Client {
  if (credentialKindOf(entry, profile) !== 'oauth2') {
    const oauthProfiles = switchboard
      .profiles()
      .filter((p) => p.credentialKinds.includes('oauth2'))
      .map((p) => p.id);
    throw new CliError(
      ExitCode.usage,
      `Account "${entry.name}" (profile ${profile.id}) does not sign in with OAuth2; there is nothing to log in to.`,
      {
        hint: `login is for accounts of ${oauthProfiles.join(', ')} with OAuth2 tokens. Other accounts take their secret from the environment variable they name, or ask for it.`,
      },
    );
  }
  const client =
    config.oauth2[profile.id] === undefined ? undefined : switchboard.oauth2Client(profile.id);
  if (client === undefined) {
    throw new CliError(
      ExitCode.usage,
      `${config.file} has no OAuth2 client for profile ${profile.id}.`,
      {
        hint: `Add your app's client id: "oauth2": { "${profile.id}": { "clientId": "<client id>" } } (endpoints default to the provider's).`,
      },
    );
  }
  return client;
}
