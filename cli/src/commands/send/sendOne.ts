import type { BouncedMessage } from '@switchboard/core';
import { openAccount } from '../connect/openAccount';
import { progress } from '../support/progress';
import type { RunContext } from '../support/RunContext';
import { readMessage } from './readMessage';

/**
 * After the server's round trip, how long to wait for a bounce from further away (the
 * recipient's server); the recipient's own server bounces before the round trip completes.
 */
const BOUNCE_GRACE_MS = 500;

/** The options of `switchboard send`. */
export interface SendOptions {
  readonly type?: 'chat' | 'normal' | 'headline';
}

/** `switchboard send`: connects, sends one message, waits for the server, disconnects. */
export async function sendOne(
  context: RunContext,
  name: string,
  to: string,
  words: string[],
  options: SendOptions,
): Promise<undefined> {
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
}
