/** One IRC line split into its parts (RFC 1459 framing; IRCv3 message tags are kept raw). */
export interface IrcLine {
  /** The line as received, without CR LF. */
  readonly raw: string;
  /** The `@...` message tags without the `@`, if any. */
  readonly tags: string | undefined;
  /** The source without the `:`, e.g. `irc.test` or `NickServ!NickServ@localhost`. */
  readonly source: string | undefined;
  /** The command or numeric, upper-cased: `CAP`, `900`, `AUTHENTICATE`. */
  readonly command: string;
  /** The parameters; a trailing `:` parameter is the last one, spaces included. */
  readonly params: readonly string[];
}

function word(rest: string): [string, string] {
  const space = rest.indexOf(' ');
  return space < 0 ? [rest, ''] : [rest.slice(0, space), rest.slice(space + 1).trimStart()];
}

/** Splits a received IRC line into tags, source, command and parameters. */
export function parseIrcLine(raw: string): IrcLine {
  let rest = raw.trimStart();
  let tags: string | undefined;
  let source: string | undefined;
  if (rest.startsWith('@')) [tags, rest] = word(rest.slice(1));
  if (rest.startsWith(':')) [source, rest] = word(rest.slice(1));
  const [command, afterCommand] = word(rest);
  rest = afterCommand;
  const params: string[] = [];
  while (rest !== '') {
    if (rest.startsWith(':')) {
      params.push(rest.slice(1));
      break;
    }
    let param: string;
    [param, rest] = word(rest);
    params.push(param);
  }
  return { raw, tags, source, command: command.toUpperCase(), params };
}
