import type { Command } from 'commander';
import { openAccount } from '../connect/openAccount';
import { describeCommand } from '../support/describeCommand';
import { run } from '../support/run';
import { ChatSession, HELP } from './ChatSession';

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
      run(command, async (context) => {
        const { account } = await openAccount(context, name, {});
        const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true;
        const session = new ChatSession(
          account,
          { input: process.stdin, output: process.stdout, terminal },
          contact,
        );
        context.onInterrupt(() => void session.quit());
        const error = await session.run();
        if (error !== undefined) throw error;
        return undefined;
      }),
    );
}
