import { type Command, Option } from 'commander';
import { openAccount } from '../connect/openAccount';
import { configOption, describeCommand } from '../support/describeCommand';
import { progress } from '../support/progress';
import { run } from '../support/run';
import { readMessage } from './readMessage';

interface SendOptions {
  readonly config?: string;
  readonly type?: 'chat' | 'normal' | 'headline';
}

/** `switchboard send <account> <to> <message…>`: one message, then disconnect. */
export function sendCommand(program: Command): void {
  describeCommand(program.command('send'), {
    summary: 'send one message and disconnect',
    description:
      'Connect as <account>, send <message> to <to>, wait until the server has handled it, and\n' +
      'disconnect. The account goes online without broadcasting presence, so contacts do not see\n' +
      'it come and go, and messages waiting for it stay stored on the server.',
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
    .addOption(configOption())
    .action((name: string, to: string, words: string[], options: SendOptions, command: Command) =>
      run(command, async (context) => {
        const body = await readMessage(words);
        const { account } = await openAccount(context, name, {
          config: options.config,
          defaults: { initialPresence: false, reconnect: false },
        });
        await progress(
          context,
          `Sending to ${to}…`,
          account.sendMessage({
            to,
            body,
            ...(options.type === undefined ? {} : { type: options.type }),
          }),
        );
        // The server handles a stream's stanzas in order: its answer to this request means it
        // has taken the message (delivered, or stored for an offline contact).
        await progress(context, 'Waiting for the server…', account.refreshCapabilities());
        await account.disconnect();
        context.note(`Sent to ${to}.`);
        return undefined;
      }),
    );
}
