import type { OAuth2Settings } from '@switchboard/core';
import { Switchboard } from '@switchboard/core';
import { FileTokenStore } from '@switchboard/core/node';
import type { ConfigFile } from '../config/ConfigFile';
import { parseOAuth2Entry } from '../config/parseOAuth2Entry';
import type { RunContext } from '../support/RunContext';
import { cliModules } from './cliModules';
import { stderrStanzaLogger } from './stanzaLogger';

/**
 * The Switchboard of one command run: the four profiles, OAuth2 tokens in the config's token
 * file (`FileTokenStore`, mode 0600), the OAuth2 client of `profile` from the config when it has
 * one, and with `--debug` the redacted stanza log on stderr.
 */
export function createSwitchboard(
  context: RunContext,
  config: ConfigFile | undefined,
  profile?: string,
): Switchboard {
  const oauth2: Record<string, OAuth2Settings> = {};
  const raw = profile === undefined ? undefined : config?.oauth2[profile];
  if (profile !== undefined && raw !== undefined && config !== undefined) {
    oauth2[profile] = parseOAuth2Entry(profile, raw, config.file);
  }
  return Switchboard.create({
    modules: cliModules,
    oauth2,
    ...(config === undefined ? {} : { tokenStore: new FileTokenStore(config.tokenFile) }),
    ...(context.debug ? { stanzaLog: stderrStanzaLogger(context.note) } : {}),
  });
}
