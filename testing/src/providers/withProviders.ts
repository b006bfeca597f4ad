import { SwitchboardError } from '@switchboard/core';
import type { ProsodyHost, ProsodyOptions } from '../prosody/ProsodyOptions';
import { luaModulesDir } from './luaModulesDir';
import type { ProviderEmulation } from './ProviderEmulation';

/** A Lua string literal (JSON escapes are valid Lua escapes). */
const lua = (s: string): string => JSON.stringify(s);
const luaList = (items: readonly string[]): string => `{ ${items.map(lua).join(', ')} }`;

const SCRAM = ['SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS'];
const STANDARD = [...SCRAM, 'PLAIN', 'ANONYMOUS', 'DIGEST-MD5'];

interface Section {
  readonly domain: string;
  readonly lines: readonly string[];
}

function section(
  domain: string,
  modules: readonly string[],
  disabled: readonly string[],
  settings: readonly string[],
): Section {
  return {
    domain,
    lines: [
      `modules_enabled = ${luaList(modules)}`,
      ...(disabled.length > 0 ? [`disable_sasl_mechanisms = ${luaList(disabled)}`] : []),
      ...settings,
    ],
  };
}

function sections(p: ProviderEmulation): Section[] {
  const keep = p.standardMechanisms === true;
  const out: Section[] = [];
  const { messenger, facebook, gtalk, oauthbearer } = p;
  if (messenger !== undefined) {
    const idle = messenger.idleDropSeconds;
    if (idle !== undefined && !(idle > 0)) {
      throw new SwitchboardError('SB_CONFIG_INVALID', 'messenger.idleDropSeconds must be > 0.');
    }
    out.push(
      section(
        messenger.domain,
        messenger.limits === false ? ['sb_messenger'] : ['sb_messenger', 'sb_messenger_limits'],
        keep ? [] : STANDARD,
        [
          ...(messenger.allowRosterAdd === true ? ['sb_roster_allow_add = true'] : []),
          ...(idle === undefined ? [] : ['sb_idle_drop = true', `sb_idle_timeout = ${idle}`]),
        ],
      ),
    );
  }
  if (facebook !== undefined) {
    if (facebook.apiKey === '') {
      throw new SwitchboardError('SB_CONFIG_INVALID', 'facebook.apiKey must not be empty.');
    }
    const settings = [`sb_facebook_api_key = ${lua(facebook.apiKey)}`];
    if (facebook.appSecret !== undefined) {
      settings.push(`sb_facebook_app_secret = ${lua(facebook.appSecret)}`);
    }
    if (facebook.nonce !== undefined) settings.push(`sb_facebook_nonce = ${lua(facebook.nonce)}`);
    out.push(
      section(
        facebook.domain,
        facebook.limits === false ? ['sb_facebook'] : ['sb_facebook', 'sb_facebook_limits'],
        keep ? [] : STANDARD,
        settings,
      ),
    );
  }
  if (gtalk !== undefined) {
    out.push(section(gtalk.domain, ['sb_gtalk'], keep ? [] : [...SCRAM, 'ANONYMOUS'], []));
  }
  if (oauthbearer !== undefined) {
    const settings: string[] = [];
    if (oauthbearer.scope !== undefined) {
      settings.push(`sb_oauthbearer_scope = ${lua(oauthbearer.scope)}`);
    }
    if (oauthbearer.openidConfiguration !== undefined) {
      settings.push(
        `sb_oauthbearer_openid_configuration = ${lua(oauthbearer.openidConfiguration)}`,
      );
    }
    out.push(section(oauthbearer.domain, ['sb_oauthbearer'], keep ? [] : STANDARD, settings));
  }
  const domains = out.map((s) => s.domain);
  const twice = domains.find((d, i) => domains.indexOf(d) !== i);
  if (twice !== undefined) {
    throw new SwitchboardError(
      'SB_CONFIG_INVALID',
      `Two emulated providers share the host ${twice}; give each its own domain.`,
    );
  }
  return out;
}

/**
 * Adds provider emulation to {@link startProsody} options: one virtual host per provider
 * (merged into a host of the same domain in `options.hosts`, e.g. to register users there;
 * appended otherwise), this package's Lua modules in `pluginPaths`, and `sb_token_file` in the
 * global section. Without `options.hosts`, the server has only the provider hosts.
 *
 * @example
 * const tokens = await TokenTable.create();
 * const server = await startProsody(
 *   withProviders({}, { tokenFile: tokens.file, messenger: { domain: 'messenger.test' } }),
 * );
 * await tokens.issue({ token: 'EwAw...', user: 'alice', host: 'messenger.test' });
 */
export function withProviders(
  options: ProsodyOptions,
  providers: ProviderEmulation,
): ProsodyOptions {
  const added = sections(providers);
  const byDomain = new Map(added.map((s) => [s.domain, s.lines.join('\n')]));
  const hosts: ProsodyHost[] = (options.hosts ?? []).map((host) => {
    const lines = byDomain.get(host.domain);
    if (lines === undefined) return host;
    byDomain.delete(host.domain);
    return { ...host, config: host.config === undefined ? lines : `${host.config}\n${lines}` };
  });
  for (const [domain, config] of byDomain) hosts.push({ domain, config });
  const global = `sb_token_file = ${lua(providers.tokenFile)}`;
  return {
    ...options,
    hosts,
    pluginPaths: [...(options.pluginPaths ?? []), luaModulesDir],
    extraConfig: options.extraConfig === undefined ? global : `${options.extraConfig}\n${global}`,
  };
}
