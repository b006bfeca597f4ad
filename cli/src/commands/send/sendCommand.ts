import type { BouncedMessage } from '@switchboard/core';
import { type Command, Option } from 'commander';
import { openAccount } from '../connect/openAccount';
import { describeCommand } from '../support/describeCommand';
import { progress } from '../support/progress';
import { run } from '../support/run';
import { readMessage } from './readMessage';

/**
 * After the server's round trip, how long to wait for a bounce from further away (the
 * recipient's server); the recipient's own server bounces before the round trip completes.
 */
const BOUNCE_GRACE_MS = 500;

interface SendOptions {
  readonly type?: 'chat' | 'normal' | 'headline';
}

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
      run(command, async (context) => {
        const body = await readMessage(words);
        const { account } = await openAccount(context, name, {
          defaults: { initialPresence: false, reconnect: false },
        });
        const bounces: BouncedMessage[] = [];
        account.on('bounced', (bounce) => bounces.push(bounce));
        const { id } = await progress(
          context,
          `Sending to ${to}…`,
          account.sendMessage({
            to,
            body,
            ...(options.type === undefined ? {} : { type: options.type }),
          }),
        );
        // The server handles a stream's stanzas in order: once it answers this request it has
        // taken the message (delivered, or stored for an offline contact) or returned it.
        await progress(context, 'Waiting for the server…', account.refreshCapabilities());
        const bounced = () => bounces.find((b) => b.id === id);
        if (bounced() === undefined) await new Promise((r) => setTimeout(r, BOUNCE_GRACE_MS));
        await account.disconnect();
        const bounce = bounced();
        if (bounce !== undefined) throw bounce.error;
        context.note(`Sent to ${to}.`);
        return undefined;
      }),
    );
}
