import { type Command, Option } from 'commander';
import { describeCommand } from '../support/describeCommand';
import { runLazily } from '../support/runLazily';
import type { SendOptions } from './sendOne';

/** `switchboard send <account> <to> <message…>`: one message, then disconnect. */
export function sendCommand(program: Command): void {
  describeCommand(program.command('send'), {
    summary: 'send one message and disconnect',
    description:
      'Connect as <account>, send <message> to <to>, wait until the server has handled it, and\n' +
      'disconnect. A message the server returns as undeliverable (no such user, unreachable\n' +
      'domain) fails the command with exit 1. The account goes online without broadcasting\n' +
      'presence, so contacts do not see it come and go, and messages waiting for it stay stored\n' +
      'on the server.',
    examples: [
      'switchboard send alice bob@example.org "Lunch at noon?"',
      'switchboard send alice bob@example.org Lunch at noon',
      'uptime | switchboard send alice ops@example.org -',
      'ALICE_PASSWORD=… switchboard send --debug alice bob@example.org hi',
    ],
  })
    .argument('<account>', 'the account to send from (its name in the config file)')
    .argument('<to>', 'the recipient, e.g. bob@example.org')
    .argument('<message...>', 'the text; several words are joined by spaces; "-" reads stdin')
    .addOption(
      new Option('--type <type>', 'the message type').choices(['chat', 'normal', 'headline']),
    )
    .action((name: string, to: string, words: string[], options: SendOptions, command: Command) =>
      runLazily(command, async (context) =>
        (await import('./sendOne')).sendOne(context, name, to, words, options),
      ),
    );
}
