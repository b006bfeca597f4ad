import { authorizeWithLoopback } from '@switchboard/core/node';
import { loadAccountEntry } from '../connect/loadAccountEntry';
import type { RunContext } from '../support/RunContext';
import { oauth2ClientFor } from './oauth2ClientFor';
import { openBrowser } from './openBrowser';
import { tokenSummary } from './tokenSummary';

/** The options of `switchboard login`. */
export interface LoginOptions {
  readonly open?: boolean;
  readonly timeout: number;
  readonly redirectPort: number;
}

/** `switchboard login <account>`: OAuth2 code + PKCE with a loopback redirect; tokens to the token file. */
export async function loginAccount(
  context: RunContext,
  name: string,
  options: LoginOptions,
): Promise<undefined> {
  const { config, entry, switchboard, profile } = await loadAccountEntry(context, name);
  const client = oauth2ClientFor(switchboard, config, entry, profile);
  const tokens = await authorizeWithLoopback(client, {
    timeoutMs: options.timeout * 1000,
    port: options.redirectPort,
    open: async (url) => {
      context.note(`Open this address in a browser to sign ${entry.settings.address} in:`);
      context.print(url.href);
      if (options.open === true) {
        await openBrowser(url.href).catch((error: NodeJS.ErrnoException) => {
          context.note(
            `Could not start a browser (${error.code ?? error.message}); open the address yourself.`,
          );
        });
      }
      context.note('Waiting for the browser to come back (Ctrl-C to cancel)…');
    },
  });
  await switchboard.credentials.save(name, tokens);
  context.note(
    `Signed in. Tokens of "${name}" saved to ${config.tokenFile} (readable by you only).`,
  );
  context.note(tokenSummary(tokens));
  return undefined;
}
