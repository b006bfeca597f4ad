import type { Command } from 'commander';
import { describeCommand } from '../support/describeCommand';
import { runLazily } from '../support/runLazily';
import { HELP } from './chatHelp';

/** `switchboard chat <account> [with]`: an interactive session. */
export function chatCommand(program: Command): void {
  describeCommand(program.command('chat'), {
    summary: 'chat interactively: see messages and presence, type to send',
    description:
      'Connect as <account> (online, with presence) and chat: messages, presence and typing\n' +
      'notifications are printed as they arrive; each line you type goes to the current contact\n' +
      '(<with>, or the first one who writes). Lost connections are resumed on their own.',
    examples: [
      'switchboard chat alice bob@example.org',
      'switchboard chat alice',
      'printf "hello\\n/quit\\n" | switchboard chat alice bob@example.org',
    ],
    notes: `In the chat:\n${HELP.map((line) => `  ${line}`).join('\n')}`,
  })
    .argument('<account>', 'the account (its name in the config file)')
    .argument('[with]', 'the contact to talk to first, e.g. bob@example.org')
    .action((name: string, contact: string | undefined, _options: unknown, command: Command) =>
      runLazily(command, async (context) =>
        (await import('./chatWith')).chatWith(context, name, contact),
      ),
    );
}
