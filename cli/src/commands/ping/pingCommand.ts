import type { Command } from 'commander';
import { describeCommand } from '../support/describeCommand';
import { runLazily } from '../support/runLazily';

/** `switchboard ping <account> [address]`: one round trip, then disconnect. */
export function pingCommand(program: Command): void {
  describeCommand(program.command('ping'), {
    summary: 'measure a round trip to the server (or, on XMPP, to an address)',
    description:
      'Connect as <account> without broadcasting presence, ping the server (XMPP: XEP-0199;\n' +
      'IRC: PING and its PONG) or, on XMPP, [address], print the round trip in milliseconds and\n' +
      'disconnect. IRC pings the server only: an address fails with exit 5.',
    examples: [
      'switchboard ping alice',
      'switchboard ping alice example.org',
      'switchboard ping libera',
    ],
  })
    .argument('<account>', 'the account (its name in the config file)')
    .argument('[address]', 'an address to ping instead of the server (XMPP)')
    .action((name: string, address: string | undefined, _options: unknown, command: Command) =>
      runLazily(command, async (context) =>
        (await import('./pingOnce')).pingOnce(context, name, address),
      ),
    );
}
