import { spawn } from 'node:child_process';

/**
 * The command that opens a URL in the user's browser: `$BROWSER` when set (a program taking the
 * URL as its argument), else `open` (macOS), `rundll32 url.dll,FileProtocolHandler` (Windows) or
 * `xdg-open`.
 */
export function browserCommand(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): [string, string[]] {
  if (env.BROWSER !== undefined && env.BROWSER !== '') return [env.BROWSER, [url]];
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

/**
 * Starts the browser on `url`, detached (it may outlive the command). Resolves once the program
 * started; rejects when it could not be started (e.g. no `xdg-open` on a server).
 */
export function openBrowser(url: string): Promise<void> {
  const [command, args] = browserCommand(url);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
