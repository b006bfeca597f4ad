import { FileTokenStore } from '@switchboard/core/node';
import { accountEntryOf } from '../config/accountEntryOf';
import { configPath } from '../config/configPath';
import { loadConfig } from '../config/loadConfig';
import { saveConfig } from '../config/saveConfig';
import type { RunContext } from '../support/RunContext';

/** `switchboard account remove <name>`: drops the entry and its stored tokens. */
export async function accountRemove(context: RunContext, name: string): Promise<undefined> {
  const file = configPath(context.config);
  Object.assign(context.facts, { configFile: file, account: name });
  const config = await loadConfig(file);
  accountEntryOf(config, name);
  const { [name]: _removed, ...accounts } = config.accounts;
  await saveConfig(file, { ...config.raw, accounts });
  const store = new FileTokenStore(config.tokenFile);
  const hadTokens = (await store.get(name)) !== undefined;
  if (hadTokens) await store.delete(name);
  context.note(`Removed account "${name}"${hadTokens ? ' and its tokens' : ''} from ${file}.`);
  return undefined;
}
