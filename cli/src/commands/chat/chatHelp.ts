/** The lines about the contact commands (`contactCommands.ts`). */
const CONTACT_HELP = [
  '  /add <address>     add a contact and ask to see their presence',
  '  /remove <address>  remove a contact (neither sees the other any longer)',
  '  /approve <address> let someone who asked see your presence',
  '  /deny <address>    refuse their request',
];

/** The lines about rooms (`roomCommands.ts`). */
const ROOM_HELP = [
  '  /join <room> [nick] [password]  enter a room (XMPP: room@conference.example.org; IRC: #channel)',
  '                     and talk in it; shows its recent history where the server keeps it',
  '  /part [room]       leave the room (default: the current one)',
  "  /topic [text]      show or set the current room's topic",
  '  /history [count]   earlier messages with the current contact or room',
];

/** The in-chat help, also shown by `switchboard chat --help`. */
export const HELP = [
  'Type a line and press Enter to send it to the current contact or room.',
  '  /to <address>  talk to someone else (e.g. /to bob@example.org) or in a room you are in',
  'Under what you send: ✓ sent (the server has it), ✓✓ delivered, ✓✓ read, ✗ failed.',
  '  /who           the current contact and the presence seen so far (in a room: who is in it)',
  ...CONTACT_HELP,
  ...ROOM_HELP,
  '  /quit          disconnect and leave (also Ctrl-C, Ctrl-D)',
  '  //text         send a line that starts with /',
];
