import type { Command } from 'commander';
import { describeCommand } from '../support/describeCommand';
import { wholeNumber } from '../support/parseNumber';
import { runLazily } from '../support/runLazily';
import type { HistoryOptions } from './showHistory';

/** `switchboard history <account> <conversation>`: one page of the server's archive. */
export function historyCommand(program: Command): void {
  describeCommand(program.command('history'), {
    summary: 'print the history the server keeps of a conversation',
    description:
      'Connect as <account> without broadcasting presence, fetch one page of what the server\n' +
      'archived of <conversation> (a contact, or with --room a room: XMPP MAM, XEP-0313; IRC\n' +
      "draft/chathistory), print it oldest first with each message's archive id, and say how\n" +
      'to page on. A server that keeps no history fails with exit 5 before anything is sent.',
    examples: [
      'switchboard history alice bob@example.org',
      'switchboard history alice bob@example.org --limit 10 --before 1f6a…',
      'switchboard history alice lounge@conference.example.org --room',
      'switchboard history libera-me "#switchboard" --room --after Bf3x…',
    ],
  })
    .argument('<account>', 'the account (its name in the config file)')
    .argument('<conversation>', 'a contact or, with --room, a room')
    .option('--room', 'the conversation is a room (XMPP MUC, IRC channel)')
    .option('--limit <count>', 'at most this many messages (default 50)', wholeNumber(1, 1000))
    .option('--before <id>', 'messages older than this archive id')
    .option('--after <id>', 'messages newer than this archive id')
    .action((name: string, conversation: string, options: HistoryOptions, command: Command) =>
      runLazily(command, async (context) =>
        (await import('./showHistory')).showHistory(context, name, conversation, options),
      ),
    );
}
