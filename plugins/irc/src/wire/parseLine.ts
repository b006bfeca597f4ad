/**
 * Parses one received IRC line: modern IRC's message grammar (https://modern.ircdocs.horse/#messages,
 * RFC 1459 §2.3.1) and IRCv3 message tags (https://ircv3.net/specs/extensions/message-tags).
 * Strict where a lenient parse could be abused (NUL, CR, LF, a bad tag key, a bad command), lenient
 * where servers differ harmlessly (several spaces between parts).
 */
import { type IrcMessage, type IrcSource, MAX_PARAMS } from './IrcMessage';
import { malformed } from './malformed';
import { TAG_KEY, unescapeTagValue } from './tags';

const COMMAND = /^(?:[A-Za-z]+|[0-9]{3})$/;

/**
 * The message in `line` (without its CRLF). Throws `SB_IRC_MALFORMED` (with `details.reason`) for a
 * line that breaks the grammar. Duplicate tag keys: the last one wins.
 */
export function parseLine(line: string): IrcMessage {
  const bad = /[\0\r\n]/.exec(line);
  if (bad !== null) throw malformed('forbidden-character', { index: bad.index });
  let pos = 0;
  const tags = new Map<string, string>();
  if (line.startsWith('@')) {
    const end = spaceOrEnd(line, 1);
    parseTags(line.slice(1, end), tags);
    pos = skipSpaces(line, end);
  }
  let source: IrcSource | undefined;
  if (line[pos] === ':') {
    const end = spaceOrEnd(line, pos + 1);
    source = parseSource(line.slice(pos + 1, end));
    pos = skipSpaces(line, end);
  }
  const commandEnd = spaceOrEnd(line, pos);
  const command = line.slice(pos, commandEnd);
  if (command === '') throw malformed('missing-command');
  if (!COMMAND.test(command)) throw malformed('invalid-command');
  pos = skipSpaces(line, commandEnd);
  const params: string[] = [];
  while (pos < line.length) {
    if (line[pos] === ':' || params.length === MAX_PARAMS - 1) {
      params.push(line.slice(line[pos] === ':' ? pos + 1 : pos));
      break;
    }
    const end = spaceOrEnd(line, pos);
    params.push(line.slice(pos, end));
    pos = skipSpaces(line, end);
  }
  const message = { tags, command: command.toUpperCase(), params };
  return source === undefined ? message : { ...message, source };
}

function spaceOrEnd(line: string, from: number): number {
  const index = line.indexOf(' ', from);
  return index === -1 ? line.length : index;
}

function skipSpaces(line: string, from: number): number {
  let pos = from;
  while (line[pos] === ' ') pos++;
  return pos;
}

function parseTags(raw: string, into: Map<string, string>): void {
  if (raw === '') throw malformed('empty-tags');
  for (const tag of raw.split(';')) {
    if (tag === '') continue;
    const eq = tag.indexOf('=');
    const key = eq === -1 ? tag : tag.slice(0, eq);
    if (key === '' || key === '+') throw malformed('empty-tag-key');
    if (!TAG_KEY.test(key)) throw malformed('invalid-tag-key');
    into.set(key, eq === -1 ? '' : unescapeTagValue(tag.slice(eq + 1)));
  }
}

/**
 * `nick!user@host` (user and host optional) is a user; a name with a `.` and neither `!` nor
 * `@` is a server (nicknames cannot contain `.`).
 */
function parseSource(raw: string): IrcSource {
  if (raw === '') throw malformed('empty-source');
  const bang = raw.indexOf('!');
  const at = raw.indexOf('@', bang === -1 ? 0 : bang);
  if (bang === -1 && at === -1) {
    return raw.includes('.') ? { kind: 'server', name: raw } : { kind: 'user', nick: raw };
  }
  const nickEnd = bang === -1 ? at : bang;
  const nick = raw.slice(0, nickEnd);
  if (nick === '') throw malformed('invalid-source');
  const user = bang === -1 ? undefined : raw.slice(bang + 1, at === -1 ? raw.length : at);
  const host = at === -1 ? undefined : raw.slice(at + 1);
  if (user === '' || host === '') throw malformed('invalid-source');
  return {
    kind: 'user',
    nick,
    ...(user === undefined ? {} : { user }),
    ...(host === undefined ? {} : { host }),
  };
}
