import { type Command, Option } from 'commander';
import { describeCommand } from '../support/describeCommand';
import { wholeNumber } from '../support/parseNumber';
import { runLazily } from '../support/runLazily';
import type { TokenOptions } from './accountToken';
import type { AddOptions } from './buildEntry';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `switchboard account add|list|remove|token`: edits the config file and the token file. */
export function accountCommand(program: Command): void {
  const account = describeCommand(program.command('account'), {
    summary: 'add, list or remove accounts in the config file; store OAuth2 tokens',
    description:
      'Manage the accounts of the config file. The file holds no secrets: a password comes from\n' +
      'the environment variable an account names (--password-env) or is typed when asked; OAuth2\n' +
      'tokens come from "switchboard login".',
    examples: [
      'switchboard account add alice --profile jabber --address alice@example.org --password-env ALICE_PASSWORD',
      'switchboard account list',
    ],
  });

  describeCommand(account.command('add'), {
    summary: 'add an account (or replace one with --force)',
    description:
      'Add an account to the config file, checked as a login would check it (profile, fields,\n' +
      'CA file). Nothing secret is written: the password comes from --password-env or a prompt.',
    examples: [
      'switchboard account add alice --profile jabber --address alice@example.org --password-env ALICE_PASSWORD',
      'switchboard account add dev --profile jabber --address dev@localhost --host 127.0.0.1 --port 5222 --ca ./ca.pem',
      'switchboard account add mark --profile messenger --address mark@messenger.live.com',
      'switchboard account add fiona --profile facebook --address fiona@chat.facebook.com --param apiKey=123456789',
      'switchboard account add irc --profile irc --address alice@irc.example.net --password-env IRC_PASSWORD --param flood=5/2000',
    ],
  })
    .argument('<name>', 'the account name, used by the other commands (e.g. alice)')
    .requiredOption('--profile <id>', 'the profile: jabber, messenger, facebook, gtalk or irc')
    .requiredOption(
      '--address <address>',
      'the account address, e.g. alice@example.org (IRC: nick@server)',
    )
    .option(
      '--host <host>',
      'the server host (default: the profile default, or the address domain)',
    )
    .option(
      '--port <port>',
      "the server port (default: the profile's, 5222 for XMPP, 6697 for IRC)",
      wholeNumber(1, 65_535),
    )
    .addOption(
      new Option('--tls <mode>', 'STARTTLS or TLS from the first byte').choices([
        'starttls',
        'direct',
      ]),
    )
    .option('--ca <file>', 'a PEM file with the CA to trust (a private or test server)')
    .option('--servername <name>', 'the name the certificate must carry (default: the domain)')
    .addOption(
      new Option('--credential <kind>', "the secret's kind (default: the profile's first)").choices(
        ['password', 'oauth2', 'token'],
      ),
    )
    .option('--password-env <variable>', 'the environment variable that holds the password')
    .option('--token-env <variable>', 'the environment variable that holds an opaque token')
    .option(
      '--param <name=value>',
      'a provider parameter, e.g. apiKey=… or, on IRC, account=… (repeatable)',
      collect,
    )
    .option('--resource <resource>', 'the XMPP resource to ask for')
    .option('--force', 'replace an account of the same name')
    .action((name: string, options: AddOptions, command: Command) =>
      runLazily(command, async (context) =>
        (await import('./accountAdd')).accountAdd(context, name, options),
      ),
    );

  describeCommand(account.command('list'), {
    summary: 'list the accounts',
    description: 'List the accounts of the config file and where each one gets its secret.',
    examples: ['switchboard account list', 'switchboard account list --json'],
  })
    .option('--json', 'print the entries as JSON')
    .action((options: { json?: boolean }, command: Command) =>
      runLazily(command, async (context) =>
        (await import('./accountList')).accountList(context, options),
      ),
    );

  describeCommand(account.command('remove'), {
    summary: 'remove an account and its stored tokens',
    description:
      'Remove an account from the config file, and its OAuth2 tokens from the token file.',
    examples: ['switchboard account remove alice'],
  })
    .argument('<name>', 'the account name')
    .action((name: string, _options: unknown, command: Command) =>
      runLazily(command, async (context) =>
        (await import('./accountRemove')).accountRemove(context, name),
      ),
    );
  describeCommand(account.command('token'), {
    summary: 'store OAuth2 tokens you already have for an OAuth2 account',
    description:
      'Store an access token (and a refresh token, if you have one) that you got elsewhere for an\n' +
      'OAuth2 account, in the token file "switchboard login" writes (tokens.json next to the config\n' +
      'file, mode 0600). The tokens are read from stdin (first line: the access token, second\n' +
      'line: the refresh token) or from the environment variables you name; never from the\n' +
      'command line, which other users can see in the process list. With a refresh token and an\n' +
      'OAuth2 client in the config file, later commands renew the access token themselves.',
    examples: [
      'switchboard account token mark < tokens.txt',
      'switchboard account token mark --access-token-env MARK_TOKEN --expires-in 3600',
      'printf "%s\\n%s\\n" "$ACCESS" "$REFRESH" | switchboard account token mark --expires-in 3600',
    ],
  })
    .argument('<name>', 'the account name (an OAuth2 account: Messenger, Facebook, Google Talk)')
    .option('--access-token-env <variable>', 'read the access token from this variable, not stdin')
    .option('--refresh-token-env <variable>', 'read the refresh token from this variable')
    .option(
      '--expires-in <seconds>',
      'how long the access token stays valid from now (default: no stated expiry)',
      wholeNumber(1, 10 * 365 * 24 * 3600),
    )
    .option('--scope <scopes>', 'the scopes granted, space-separated')
    .action((name: string, options: TokenOptions, command: Command) =>
      runLazily(command, async (context) =>
        (await import('./accountToken')).accountToken(context, name, options),
      ),
    );
}
