/** The lines about the contact commands (`contactCommands.ts`). */
const CONTACT_HELP = [
  '  /add <address>     add a contact and ask to see their presence',
  '  /remove <address>  remove a contact (neither sees the other any longer)',
  '  /approve <address> let someone who asked see your presence',
  '  /deny <address>    refuse their request',
];

/** The in-chat help, also shown by `switchboard chat --help`. */
export const HELP = [
  'Type a line and press Enter to send it to the current contact.',
  '  /to <address>  talk to someone else (e.g. /to bob@example.org)',
  '  /who           the current contact and the presence seen so far',
  ...CONTACT_HELP,
  '  /quit          disconnect and leave (also Ctrl-C, Ctrl-D)',
  '  //text         send a line that starts with /',
];
