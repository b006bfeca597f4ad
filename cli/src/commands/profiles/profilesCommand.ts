import type { Command } from 'commander';
import { describeCommand } from '../support/describeCommand';
import { runLazily } from '../support/runLazily';

/** `switchboard profiles [--json]`: the installed profiles and what they support. */
export function profilesCommand(program: Command): void {
  describeCommand(program.command('profiles'), {
    summary: 'list the installed profiles and what each one supports',
    description:
      'List the installed profiles (jabber, messenger, facebook, gtalk): the credentials and SASL\n' +
      'mechanisms each one logs in with, its default server, and its capabilities.',
    examples: ['switchboard profiles', 'switchboard profiles --json | jq ".[].id"'],
  })
    .option('--json', 'print JSON instead of tables')
    .action((options: { json?: boolean }, command: Command) =>
      runLazily(command, async (context) =>
        (await import('./listProfiles')).listProfiles(context, options),
      ),
    );
}
