import type { Command } from 'commander';
import { createSwitchboard } from '../connect/createSwitchboard';
import { describeCommand } from '../support/describeCommand';
import { run } from '../support/run';
import { profilesJson, profileTables } from './describeProfiles';

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
      run(command, async (context) => {
        const profiles = createSwitchboard(context, undefined).profiles();
        if (options.json === true) context.print(JSON.stringify(profilesJson(profiles), null, 2));
        else for (const line of profileTables(profiles)) context.print(line);
        return undefined;
      }),
    );
}
