import { openAccount } from '../connect/openAccount';
import { progress } from '../support/progress';
import type { RunContext } from '../support/RunContext';
import { formatHistory } from './formatHistory';

/** The options of `switchboard history`. */
export interface HistoryOptions {
  readonly room?: boolean;
  readonly limit?: number;
  readonly before?: string;
  readonly after?: string;
}

/**
 * `switchboard history`: connects without presence, fetches one page, prints it and
 * disconnects. Exit 5 (SB_CAPABILITY_UNSUPPORTED) on a profile or server without history.
 */
export async function showHistory(
  context: RunContext,
  name: string,
  conversation: string,
  options: HistoryOptions,
): Promise<undefined> {
  const { account } = await openAccount(context, name, {
    defaults: { initialPresence: false, reconnect: false },
  });
  try {
    const page = await progress(
      context,
      `Fetching the history of ${conversation}…`,
      account.history(conversation, {
        ...(options.room === true ? { room: true } : {}),
        ...(options.limit === undefined ? {} : { limit: options.limit }),
        ...(options.before === undefined ? {} : { before: options.before }),
        ...(options.after === undefined ? {} : { after: options.after }),
      }),
    );
    const room = options.room === true ? ' --room' : '';
    const limit = options.limit === undefined ? '' : ` --limit ${options.limit}`;
    const next = (direction: 'before' | 'after', id: string): string =>
      `switchboard history ${name} ${JSON.stringify(conversation)}${room}${limit} --${direction} ${id}`;
    for (const text of formatHistory(page, next, options.after !== undefined)) context.print(text);
  } finally {
    await account.disconnect();
  }
  return undefined;
}
