import type { Command } from 'commander';
import { openAccount } from '../connect/openAccount';
import { configOption, describeCommand } from '../support/describeCommand';
import { progress } from '../support/progress';
import { run } from '../support/run';
import { rosterTable } from './rosterTable';

/** `switchboard roster <account> [--json]`: the contact list. */
export function rosterCommand(program: Command): void {
  describeCommand(program.command('roster'), {
    summary: "print an account's contact list",
    description:
      'Connect as <account> (without broadcasting presence), fetch its contact list (roster), and\n' +
      'print it: address, name, subscription and groups.',
    examples: ['switchboard roster alice', 'switchboard roster alice --json | jq ".[].address"'],
  })
    .argument('<account>', 'the account (its name in the config file)')
    .option('--json', 'print JSON (an array of { address, name, subscription, groups, pending })')
    .addOption(configOption())
    .action((name: string, options: { config?: string; json?: boolean }, command: Command) =>
      run(command, async (context) => {
        const { account } = await openAccount(context, name, {
          config: options.config,
          defaults: { initialPresence: false, reconnect: false },
        });
        const items = await progress(context, 'Fetching the roster…', account.getRoster());
        await account.disconnect();
        if (options.json === true) {
          context.print(JSON.stringify(items, null, 2));
        } else if (items.length === 0) {
          context.note(`The roster of ${name} is empty.`);
        } else {
          for (const line of rosterTable(items)) context.print(line);
        }
        return undefined;
      }),
    );
}
