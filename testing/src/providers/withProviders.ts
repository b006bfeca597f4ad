import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { SwitchboardError } from '@switchboard/core';
import type { ProsodyHost, ProsodyOptions } from '../prosody/ProsodyOptions';
import { luaModulesDir } from './luaModulesDir';
import type { CustomEmulation, LuaSetting, ProviderEmulation } from './ProviderEmulation';

/** A Lua string literal (JSON escapes are valid Lua escapes). */
const lua = (s: string): string => JSON.stringify(s);
const luaList = (items: readonly string[]): string => `{ ${items.map(lua).join(', ')} }`;

const SCRAM = ['SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS'];

/**
 * What none of the retired providers offered, whatever the server's `rooms`, `archive` and
 * `carbons` options load: Message Carbons and MAM never load on their hosts (so they are neither
 * announced nor answered: service-unavailable), and `mod_sb_no_rooms` refuses every stanza their
 * users send to the multi-user chat service.
 */
const NO_ROOMS = 'sb_no_rooms';
const WITHOUT_CARBONS_AND_ARCHIVE = 'modules_disabled = { "carbons", "mam" }';
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

const invalid = (message: string): SwitchboardError =>
  new SwitchboardError('SB_CONFIG_INVALID', message);

/** A module reference resolved to its Prosody name, plus the folder to add to plugin_paths. */
interface ModuleRef {
  readonly name: string;
  readonly dir?: string;
}

const MODULE_NAME = /^[A-Za-z0-9_.-]+$/;

function resolveModule(ref: string, searched: readonly string[] | undefined): ModuleRef {
  if (isAbsolute(ref)) {
    const name = /^mod_([A-Za-z0-9_.-]+)\.lua$/.exec(basename(ref))?.[1];
    if (name === undefined || !existsSync(ref)) {
      throw invalid(`Custom module ${ref} must be an existing file named mod_<name>.lua.`);
    }
    return { name, dir: dirname(ref) };
  }
  if (!MODULE_NAME.test(ref)) {
    throw invalid(`Custom module "${ref}" must be a module name or an absolute path.`);
  }
  const found = (dir: string): boolean =>
    existsSync(join(dir, `mod_${ref}.lua`)) ||
    existsSync(join(dir, `mod_${ref}`, `mod_${ref}.lua`));
  if (searched !== undefined && !searched.some(found)) {
    throw invalid(
      `No mod_${ref}.lua in ${searched.join(', ')}; give an absolute path to your module.`,
    );
  }
  return { name: ref };
}

function luaSetting(key: string, value: LuaSetting): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw invalid(`"${key}" is not a Lua name.`);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw invalid(`Setting ${key} must be a finite number.`);
  }
  const literal =
    typeof value === 'string'
      ? lua(value)
      : typeof value === 'object'
        ? luaList(value as readonly string[])
        : String(value);
  return `${key} = ${literal}`;
}

/** The host section of one custom emulation, and the folders its module files live in. */
function customSection(
  custom: CustomEmulation,
  keepAll: boolean,
  searched: readonly string[],
): { section: Section; dirs: string[] } {
  const refs = [
    resolveModule(custom.module, searched),
    ...(custom.extraModules ?? []).map((m) => resolveModule(m, undefined)),
  ];
  const keep = custom.standardMechanisms ?? keepAll;
  const disabled =
    keep === true ? [] : keep === false ? STANDARD : STANDARD.filter((m) => !keep.includes(m));
  const settings = Object.entries(custom.settings ?? {}).map(([k, v]) => luaSetting(k, v));
  return {
    section: section(
      custom.domain,
      refs.map((r) => r.name),
      disabled,
      settings,
    ),
    dirs: refs.flatMap((r) => (r.dir === undefined ? [] : [r.dir])),
  };
}

function sections(p: ProviderEmulation): Section[] {
  const keep = p.standardMechanisms === true;
  const out: Section[] = [];
  const { messenger, facebook, gtalk, oauthbearer } = p;
  if (messenger !== undefined) {
    const idle = messenger.idleDropSeconds;
    if (idle !== undefined && !(idle > 0)) {
      throw invalid('messenger.idleDropSeconds must be > 0.');
    }
    out.push(
      section(
        messenger.domain,
        [
          ...(messenger.limits === false
            ? ['sb_messenger']
            : ['sb_messenger', 'sb_messenger_limits']),
          NO_ROOMS,
        ],
        keep ? [] : STANDARD,
        [
          WITHOUT_CARBONS_AND_ARCHIVE,
          ...(messenger.allowRosterAdd === true ? ['sb_roster_allow_add = true'] : []),
          ...(idle === undefined ? [] : ['sb_idle_drop = true', `sb_idle_timeout = ${idle}`]),
        ],
      ),
    );
  }
  if (facebook !== undefined) {
    if (facebook.apiKey === '') {
      throw invalid('facebook.apiKey must not be empty.');
    }
    const settings = [WITHOUT_CARBONS_AND_ARCHIVE, `sb_facebook_api_key = ${lua(facebook.apiKey)}`];
    if (facebook.appSecret !== undefined) {
      settings.push(`sb_facebook_app_secret = ${lua(facebook.appSecret)}`);
    }
    if (facebook.nonce !== undefined) settings.push(`sb_facebook_nonce = ${lua(facebook.nonce)}`);
    out.push(
      section(
        facebook.domain,
        [
          ...(facebook.limits === false ? ['sb_facebook'] : ['sb_facebook', 'sb_facebook_limits']),
          NO_ROOMS,
        ],
        keep ? [] : STANDARD,
        settings,
      ),
    );
  }
  if (gtalk !== undefined) {
    out.push(
      section(gtalk.domain, ['sb_gtalk', NO_ROOMS], keep ? [] : [...SCRAM, 'ANONYMOUS'], [
        WITHOUT_CARBONS_AND_ARCHIVE,
      ]),
    );
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
  return out;
}

function checkDomains(all: readonly Section[]): void {
  const domains = all.map((s) => s.domain);
  const twice = domains.find((d, i) => domains.indexOf(d) !== i);
  if (twice !== undefined) {
    throw invalid(`Two emulated providers share the host ${twice}; give each its own domain.`);
  }
}

/**
 * Adds provider emulation to {@link startProsody} options: one virtual host per provider
 * (merged into a host of the same domain in `options.hosts`, e.g. to register users there;
 * appended otherwise), this package's Lua modules in `pluginPaths`, and `sb_token_file` in the
 * global section. Without `options.hosts`, the server has only the provider hosts.
 * `providers.custom` adds hosts with mechanism modules of your own: their files' folders go to
 * `pluginPaths` (before this package's), so they can `module:depends("sb_tokens")`.
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
  const searched = [...(options.pluginPaths ?? []), luaModulesDir];
  const custom = (providers.custom ?? []).map((c) =>
    customSection(c, providers.standardMechanisms === true, searched),
  );
  const added = [...sections(providers), ...custom.map((c) => c.section)];
  checkDomains(added);
  const dirs = [...new Set(custom.flatMap((c) => c.dirs))];
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
    pluginPaths: [...(options.pluginPaths ?? []), ...dirs, luaModulesDir],
    extraConfig: options.extraConfig === undefined ? global : `${options.extraConfig}\n${global}`,
  };
}
