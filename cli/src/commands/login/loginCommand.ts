import { authorizeWithLoopback } from '@switchboard/core/node';
import type { Command } from 'commander';
import { accountEntryOf } from '../config/accountEntryOf';
import { configPath } from '../config/configPath';
import { loadConfig } from '../config/loadConfig';
import { createSwitchboard } from '../connect/createSwitchboard';
import { requireProfile } from '../connect/requireProfile';
import { describeCommand } from '../support/describeCommand';
import { wholeNumber } from '../support/parseNumber';
import { run } from '../support/run';
import { oauth2ClientFor } from './oauth2ClientFor';
import { openBrowser } from './openBrowser';
import { tokenSummary } from './tokenSummary';

interface LoginOptions {
  readonly open?: boolean;
  readonly timeout: number;
  readonly redirectPort: number;
}

/** `switchboard login <account>`: OAuth2 code + PKCE with a loopback redirect; tokens to the token file. */
export function loginCommand(program: Command): void {
  describeCommand(program.command('login'), {
    summary: 'sign an OAuth2 account in (Messenger, Facebook, Google Talk) and keep its tokens',
    description:
      'Sign <account> in with OAuth2 (authorization code with PKCE, RFC 8252 loopback redirect):\n' +
      'print the address to open in a browser (and open it with --open), wait for the browser to\n' +
      'come back to http://127.0.0.1:<port>/callback, and save the tokens in the token file\n' +
      '(tokens.json next to the config file, mode 0600). Tokens are never printed. Later commands\n' +
      'renew the access token with the refresh token; run login again when they say so.\n' +
      'The client id comes from the config file: "oauth2": { "<profile>": { "clientId": "…" } }.',
    examples: [
      'switchboard login mark',
      'switchboard login mark --open',
      'BROWSER=firefox switchboard login mark --open --timeout 120',
    ],
  })
    .argument('<account>', 'the account (its name in the config file)')
    .option('--open', 'open the address in the browser ($BROWSER, else xdg-open / open)')
    .option('--timeout <seconds>', 'how long to wait for the browser', wholeNumber(1, 3600), 300)
    .option(
      '--redirect-port <port>',
      'the loopback port of the redirect (0: any free one)',
      wholeNumber(0, 65_535),
      0,
    )
    .action((name: string, options: LoginOptions, command: Command) =>
      run(command, async (context) => {
        const file = configPath(context.config);
        Object.assign(context.facts, { configFile: file, account: name });
        const config = await loadConfig(file);
        const entry = accountEntryOf(config, name);
        const switchboard = createSwitchboard(context, config, entry.settings.profile);
        const profile = requireProfile(switchboard, entry.settings.profile);
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
      }),
    );
}
