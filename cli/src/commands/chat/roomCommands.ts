/**
 * The chat's commands about rooms: `/join`, `/part`, `/topic`, `/history`. `/who` in a room lists
 * its occupants (ChatSession).
 */
import { type Account, SwitchboardError } from '@switchboard/core';
import { formatInbound } from './formatConversation';
import type { HeldRoomLines } from './HeldRoomLines';

/** What the room commands use of an account. */
export type RoomAccount = Pick<
  Account,
  'joinRoom' | 'leaveRoom' | 'setTopic' | 'history' | 'rooms' | 'capabilities'
>;

/** Where the room commands read and change what the chat talks to. */
export interface RoomChat {
  /** The current contact or room. */
  readonly target: string | undefined;
  /** Talk to `room` from now on. */
  enter(room: string): void;
  /** The room messages held while `/join` loads the room's history. */
  readonly held: HeldRoomLines;
}

/** How many messages `/join` shows from the room's history and `/history` shows by default. */
export const HISTORY_LINES = 20;

function failed(what: string, error: unknown): string[] {
  return [`! Could not ${what}: ${SwitchboardError.is(error) ? error.message : String(error)}`];
}

async function join(account: RoomAccount, chat: RoomChat, argument: string): Promise<string[]> {
  const [room = '', nick, password] = argument.split(/\s+/);
  if (room === '') return ['Usage: /join <room> [nick] [password]'];
  // With history, the chat shows the room's recent messages from the archive, not the replay.
  const archive = account.capabilities.history;
  if (archive) chat.held.start(room);
  try {
    const state = await account.joinRoom(room, {
      ...(nick === undefined || nick === '-' ? {} : { nick }),
      ...(password === undefined ? {} : { password }),
      ...(archive ? { history: { maxMessages: 0 } } : {}),
    });
    // The account's roomJoined event printed the room; the chat talks in it from now on.
    chat.enter(state.room);
    if (!archive) return [];
    const page = await recent(account, room, HISTORY_LINES);
    // What arrived live meanwhile comes after the history, without what the history showed.
    const shown = new Set(page.ids);
    const live = chat.held
      .finish(room)
      .filter((m) => m.archiveId === undefined || !shown.has(m.archiveId));
    return [...page.lines, ...live.map((m) => formatInbound(m))];
  } catch (error) {
    const live = chat.held.finish(room).map((m) => formatInbound(m));
    return [...failed(`join ${room}`, error), ...live];
  }
}

/** The lines of a conversation's latest history page, and the archive ids they show. */
async function recent(
  account: RoomAccount,
  conversation: string,
  limit: number,
): Promise<{ lines: string[]; ids: string[] }> {
  try {
    const page = await account.history(conversation, { limit });
    const ids = page.messages.map((m) => m.archiveId);
    if (page.messages.length === 0) return { lines: ['(no earlier messages)'], ids };
    const count = page.messages.length;
    return {
      lines: [
        `-- ${count} earlier ${count === 1 ? 'message' : 'messages'} --`,
        ...page.messages.map((m) => formatInbound(m)),
        '-- now --',
      ],
      ids,
    };
  } catch (error) {
    return { lines: failed(`fetch the history of ${conversation}`, error), ids: [] };
  }
}

/**
 * When `command` is a room command: what runs it and resolves with the lines to print.
 * Undefined when it is not one of them.
 */
export function roomCommand(
  account: RoomAccount,
  chat: RoomChat,
  command: string,
  argument: string,
): (() => Promise<string[]>) | undefined {
  const room = argument === '' ? chat.target : argument.split(/\s+/)[0];
  switch (command) {
    case '/join':
      return () => join(account, chat, argument);
    case '/part':
    case '/leave':
      if (room === undefined) return async () => ['Usage: /part [room]'];
      return () =>
        account.leaveRoom(room).then(
          () => [],
          (error: unknown) => failed(`leave ${room}`, error),
        );
    case '/topic': {
      const here = chat.target;
      const joined = account.rooms.find((r) => r.room === here);
      if (here === undefined || joined === undefined) {
        return async () => ['/topic works in a room: /join one first.'];
      }
      if (argument === '') return async () => [`* ${here} topic: ${joined.topic ?? '(none)'}`];
      return () =>
        account.setTopic(here, argument).then(
          () => [],
          (error: unknown) => failed(`set the topic of ${here}`, error),
        );
    }
    case '/history': {
      const here = chat.target;
      if (here === undefined)
        return async () => ['/history needs a contact or room: /to or /join first.'];
      const limit = argument === '' ? HISTORY_LINES : Number(argument);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        return async () => ['Usage: /history [count from 1 to 1000]'];
      }
      return async () => (await recent(account, here, limit)).lines;
    }
    default:
      return undefined;
  }
}
