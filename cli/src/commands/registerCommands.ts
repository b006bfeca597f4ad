import type { Command } from 'commander';
import { accountCommand } from './account/accountCommand';
import { chatCommand } from './chat/chatCommand';
import { historyCommand } from './history/historyCommand';
import { loginCommand } from './login/loginCommand';
import { pingCommand } from './ping/pingCommand';
import { profilesCommand } from './profiles/profilesCommand';
import { rosterCommand } from './roster/rosterCommand';
import { sendCommand } from './send/sendCommand';
import { exitCodeHelp } from './support/exitCodeHelp';

/** Adds `profiles`, `account`, `login`, `send`, `roster`, `chat`, `history` and `ping` to the program. */
export function registerCommands(program: Command): void {
  profilesCommand(program);
  accountCommand(program);
  loginCommand(program);
  sendCommand(program);
  rosterCommand(program);
  chatCommand(program);
  historyCommand(program);
  pingCommand(program);
  program.addHelpText('after', exitCodeHelp);
}
