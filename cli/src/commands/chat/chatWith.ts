import { openAccount } from '../connect/openAccount';
import type { RunContext } from '../support/RunContext';
import { ChatSession } from './ChatSession';

/** `switchboard chat <account> [with]`: connects with presence and runs the chat on the terminal. */
export async function chatWith(
  context: RunContext,
  name: string,
  contact: string | undefined,
): Promise<undefined> {
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
}
