import type { AccountEntry } from '../config/AccountEntry';
import { configPath } from '../config/configPath';
import { loadConfig } from '../config/loadConfig';
import { parseAccountEntry } from '../config/parseAccountEntry';
import { saveConfig } from '../config/saveConfig';
import { createSwitchboard } from '../connect/createSwitchboard';
import { readCaFile } from '../connect/readCaFile';
import { requireProfile } from '../connect/requireProfile';
import { credentialKindOf } from '../credentials/credentialKindOf';
import { CliError } from '../support/CliError';
import { ExitCode } from '../support/ExitCode';
import type { RunContext } from '../support/RunContext';
import { type AddOptions, buildEntry } from './buildEntry';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]*$/;

function nextSteps(
  entry: AccountEntry,
  kind: string,
  hasClient: boolean,
  hasRoster: boolean,
): string[] {
  const { name } = entry;
  if (kind === 'oauth2') {
    const profile = entry.settings.profile;
    return [
      ...(hasClient
        ? []
        : [
            `Before signing in, add your app's client id to the file: "oauth2": { "${profile}": { "clientId": "<client id>" } }.`,
          ]),
      `Sign in once with: switchboard login ${name}`,
    ];
  }
  const variable = kind === 'password' ? entry.passwordEnv : entry.tokenEnv;
  return [
    variable === undefined
      ? `It asks for the ${kind} when it connects (or name an environment variable with --${kind}-env).`
      : `It takes the ${kind} from $${variable}.`,
    `Try: switchboard ${hasRoster ? 'roster' : 'ping'} ${name}`,
  ];
}

/** `switchboard account add`: checks the entry as a login would, then writes it to the file. */
export async function accountAdd(
  context: RunContext,
  name: string,
  options: AddOptions,
): Promise<undefined> {
  const file = configPath(context.config);
  Object.assign(context.facts, { configFile: file, account: name });
  if (!NAME.test(name)) {
    throw new CliError(ExitCode.usage, `"${name}" cannot be an account name.`, {
      hint: 'Use letters, digits and . _ @ + - (starting with a letter or digit), e.g. alice or work.',
    });
  }
  const config = await loadConfig(file, { allowMissing: true });
  if (Object.hasOwn(config.accounts, name) && options.force !== true) {
    throw new CliError(ExitCode.usage, `${file} already has an account "${name}".`, {
      hint: 'Add --force to replace it, or choose another name.',
    });
  }
  const switchboard = createSwitchboard(context, undefined);
  const profile = requireProfile(switchboard, options.profile);
  const raw = buildEntry(options);
  const entry = parseAccountEntry(name, raw, file);
  switchboard.checkAddress(profile.id, entry.settings.address, 'address');
  const kind = credentialKindOf(entry, profile);
  if (entry.caFile !== undefined) await readCaFile(entry.caFile, '--ca');
  await saveConfig(file, {
    ...config.raw,
    accounts: { ...config.accounts, [name]: raw },
  });
  context.note(`Added account "${name}" (${profile.name}, ${entry.settings.address}) to ${file}.`);
  const hasClient = config.oauth2[profile.id] !== undefined;
  for (const line of nextSteps(entry, kind, hasClient, profile.capabilities['roster.read'])) {
    context.note(line);
  }
  return undefined;
}
