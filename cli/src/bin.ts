/**
 * The `switchboard` command. Each command lives in its own module; this file only assembles them.
 */
import { Command } from 'commander';
import { registerCommands } from './commands/registerCommands';
import { configOption, usageExit } from './commands/support/describeCommand';
import { quietClosedPipes } from './commands/support/quietPipe';
import { registerDemo } from './demo/registerDemo';

quietClosedPipes();

const program = new Command('switchboard')
  .description('Many IM networks, one host: Switchboard on the command line.')
  .version('0.1.0')
  // Global options: commander takes them anywhere on the line, before or after the command.
  .option('--debug', 'print a stanza log (passwords and tokens redacted) to stderr')
  .addOption(configOption())
  .configureHelp({ showGlobalOptions: true })
  .addHelpText('afterAll', '\nGlobal options (--config, --debug) go before or after the command.')
  // Usage errors (an unknown command, a missing argument) exit with 2, help and version with 0.
  .exitOverride(usageExit);

registerCommands(program);
registerDemo(program);

await program.parseAsync(process.argv);
