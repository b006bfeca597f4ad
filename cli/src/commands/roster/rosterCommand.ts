import type { Command } from 'commander';
import { describeCommand } from '../support/describeCommand';
import { runLazily } from '../support/runLazily';
import type { RosterAddOptions } from './rosterEdit';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `switchboard roster <account> [--json]`: the contact list; `roster add|remove`: edits it. */
export function rosterCommand(program: Command): void {
  const roster = describeCommand(program.command('roster'), {
    summary: "print an account's contact list",
    description:
      'Connect as <account> (without broadcasting presence), fetch its contact list (roster), and\n' +
      'print it: address, name, subscription and groups. "roster add" and "roster remove" edit it.',
    examples: [
      'switchboard roster alice',
      'switchboard roster alice --json | jq ".[].address"',
      'switchboard roster add alice bob@example.org --name Bob --group Friends',
      'switchboard roster remove alice bob@example.org',
    ],
  })
    .argument('<account>', 'the account (its name in the config file)')
    .option('--json', 'print JSON (an array of { address, name, subscription, groups, pending })')
    .action((name: string, options: { json?: boolean }, command: Command) =>
      runLazily(command, async (context) =>
        (await import('./rosterList')).rosterList(context, name, options),
      ),
    );

  describeCommand(roster.command('add'), {
    summary: 'add a contact (or change its name and groups) and ask to see its presence',
    description:
      'Connect as <account>, add <address> to its roster (or update the name and groups of a\n' +
      'contact already there) and ask to see their presence; they answer with their own client\n' +
      '(or with /approve in "switchboard chat"). --no-subscribe only edits the roster.',
    examples: [
      'switchboard roster add alice bob@example.org',
      'switchboard roster add alice bob@example.org --name Bob --group Friends --group Work',
      'switchboard roster add alice news@example.org --no-subscribe',
    ],
  })
    .argument('<account>', 'the account (its name in the config file)')
    .argument('<address>', 'the contact, e.g. bob@example.org')
    .option('--name <name>', 'the name to show for the contact')
    .option('--group <group>', 'a group to put the contact in (repeatable)', collect)
    .option('--no-subscribe', 'do not ask to see their presence')
    .action((name: string, address: string, options: RosterAddOptions, command: Command) =>
      runLazily(command, async (context) =>
        (await import('./rosterEdit')).rosterAdd(context, name, address, options),
      ),
    );

  describeCommand(roster.command('remove'), {
    summary: 'remove a contact (the subscriptions both ways end with it)',
    description:
      'Connect as <account> and remove <address> from its roster; the server ends the\n' +
      "subscriptions both ways, so neither sees the other's presence any longer.",
    examples: ['switchboard roster remove alice bob@example.org'],
  })
    .argument('<account>', 'the account (its name in the config file)')
    .argument('<address>', 'the contact, e.g. bob@example.org')
    .action((name: string, address: string, _options: unknown, command: Command) =>
      runLazily(command, async (context) =>
        (await import('./rosterEdit')).rosterRemove(context, name, address),
      ),
    );
}
