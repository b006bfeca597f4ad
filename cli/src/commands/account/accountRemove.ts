import { loginMemoryKey } from '@switchboard/core';
import { FileTokenStore } from '@switchboard/core/node';
import { accountEntryOf } from '../config/accountEntryOf';
import { configPath } from '../config/configPath';
import { loadConfig } from '../config/loadConfig';
import { saveConfig } from '../config/saveConfig';
import type { RunContext } from '../support/RunContext';

/**
 * `switchboard account remove <name>`: drops the entry and its stored tokens: its OAuth2 tokens
 * and its login memory (FAST token and user-agent id, kept under `<name>#login`).
 */
export async function accountRemove(context: RunContext, name: string): Promise<undefined> {
  const file = configPath(context.config);
  Object.assign(context.facts, { configFile: file, account: name });
  const config = await loadConfig(file);
  accountEntryOf(config, name);
  const { [name]: _removed, ...accounts } = config.accounts;
  await saveConfig(file, { ...config.raw, accounts });
  const store = new FileTokenStore(config.tokenFile);
  let hadTokens = false;
  for (const key of [name, loginMemoryKey(name)]) {
    if ((await store.get(key)) === undefined) continue;
    hadTokens = true;
    await store.delete(key);
  }
  context.note(`Removed account "${name}"${hadTokens ? ' and its tokens' : ''} from ${file}.`);
  return undefined;
}
