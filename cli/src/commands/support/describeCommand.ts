import { type Command, type CommanderError, Option } from 'commander';
import { ExitCode } from './ExitCode';

/** The help texts of one command. */
export interface CommandText {
  /** One line, shown in the parent's command list. */
  readonly summary: string;
  /** Shown at the top of the command's own help; commander wraps it to the terminal's width. */
  readonly description: string;
  /** Command lines shown under "Examples:". */
  readonly examples: readonly string[];
  /** More text after the examples (e.g. where secrets come from). */
  readonly notes?: string;
}

/** Commander's usage errors exit with 2 (its own default is 1); help and version with 0. */
export function usageExit(error: CommanderError): never {
  process.exit(error.exitCode === 0 ? ExitCode.ok : ExitCode.usage);
}

/**
 * Gives a command its summary, description and examples, makes its usage errors exit with 2 and
 * print a pointer to `--help`.
 */
export function describeCommand(command: Command, text: CommandText): Command {
  const examples = text.examples.map((line) => `  $ ${line}`).join('\n');
  const notes = text.notes === undefined ? '' : `\n\n${text.notes}`;
  return command
    .summary(text.summary)
    .description(text.description.replace(/\s*\n\s*/g, ' '))
    .addHelpText('after', `\nExamples:\n${examples}${notes}`)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride(usageExit);
}

/** `--config <file>`, also from `$SWITCHBOARD_CONFIG`: a global option of the program. */
export function configOption(): Option {
  return new Option(
    '--config <file>',
    'the config file (default: accounts.json in $XDG_CONFIG_HOME/switchboard or ~/.config/switchboard)',
  ).env('SWITCHBOARD_CONFIG');
}
