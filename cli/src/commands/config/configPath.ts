import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The config file to use: `--config <file>`, else `$SWITCHBOARD_CONFIG` (commander puts it in the
 * option), else `$XDG_CONFIG_HOME/switchboard/accounts.json`, else
 * `~/.config/switchboard/accounts.json`. A relative `XDG_CONFIG_HOME` is ignored, as the XDG Base
 * Directory specification asks.
 */
export function configPath(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (option !== undefined && option !== '') return resolve(option);
  const xdg = env.XDG_CONFIG_HOME;
  const base =
    xdg !== undefined && xdg !== '' && isAbsolute(xdg)
      ? xdg
      : join(env.HOME || homedir(), '.config');
  return join(base, 'switchboard', 'accounts.json');
}
