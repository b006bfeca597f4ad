import type { Command } from 'commander';
import { describeCommand } from '../support/describeCommand';
import { wholeNumber } from '../support/parseNumber';
import { runLazily } from '../support/runLazily';
import type { LoginOptions } from './loginAccount';

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
      runLazily(command, async (context) =>
        (await import('./loginAccount')).loginAccount(context, name, options),
      ),
    );
}
