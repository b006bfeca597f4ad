/**
 * Writes an IRC message as one line (modern IRC message grammar, IRCv3 message tags), refusing
 * what the line could not carry and enforcing the byte limits.
 */
import { SwitchboardError } from '@switchboard/core';
import {
  CLIENT_TAG_BYTES,
  type IrcMessage,
  type IrcSource,
  LINE_BYTES,
  MAX_PARAMS,
} from './IrcMessage';
import { escapeTagValue, TAG_KEY } from './tags';

/** Limits for {@link serialize}. */
export interface SerializeOptions {
  /** Bytes of the non-tag part, CRLF included (the server's `LINELEN`); default 512. */
  readonly lineBytes?: number;
  /** Bytes of tag data, without `@` and the space; default 4094 (a client's limit). */
  readonly tagBytes?: number;
}

const COMMAND = /^(?:[A-Za-z]+|[0-9]{3})$/;
const encoder = new TextEncoder();

/**
 * The line for `message`, without CRLF (the caller appends it; the limit counts it). Throws
 * `SB_CONTENT_INVALID` (`details.field`) for what IRC cannot carry — CR, LF or NUL anywhere, a
 * space or leading `:` in a parameter before the last, an empty one there, more than 15
 * parameters, a bad command or tag key — and `SB_MESSAGE_TOO_LARGE` (`details.bytes`,
 * `details.limit`, `details.part`) for a line over the limits.
 */
export function serialize(message: IrcMessage, options: SerializeOptions = {}): string {
  const lineBytes = options.lineBytes ?? LINE_BYTES;
  const tagBytes = options.tagBytes ?? CLIENT_TAG_BYTES;
  const tags = serializeTags(message.tags);
  if (tags !== '') {
    const bytes = encoder.encode(tags).length;
    if (bytes > tagBytes) throw tooLarge('tags', bytes, tagBytes);
  }
  if (!COMMAND.test(message.command)) throw invalid('command');
  const { params } = message;
  if (params.length > MAX_PARAMS) throw invalid('params', { count: params.length });
  let rest = message.source === undefined ? '' : `:${serializeSource(message.source)} `;
  rest += message.command;
  params.forEach((param, index) => {
    if (/[\0\r\n]/.test(param)) throw invalid('params', { index });
    const last = index === params.length - 1;
    const needsColon = param === '' || param.includes(' ') || param.startsWith(':');
    if (needsColon && !last) throw invalid('params', { index });
    rest += needsColon ? ` :${param}` : ` ${param}`;
  });
  const bytes = encoder.encode(rest).length + 2;
  if (bytes > lineBytes) throw tooLarge('line', bytes, lineBytes);
  return tags === '' ? rest : `@${tags} ${rest}`;
}

function serializeTags(tags: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  for (const [key, value] of tags) {
    if (!TAG_KEY.test(key)) throw invalid('tags', { key: key.slice(0, 64) });
    if (value.includes('\0')) throw invalid('tags', { key });
    parts.push(value === '' ? key : `${key}=${escapeTagValue(value)}`);
  }
  return parts.join(';');
}

function serializeSource(source: IrcSource): string {
  const text =
    source.kind === 'server'
      ? source.name
      : `${source.nick}${source.user === undefined ? '' : `!${source.user}`}${source.host === undefined ? '' : `@${source.host}`}`;
  if (text === '' || /[\0\r\n ]/.test(text)) throw invalid('source');
  return text;
}

function invalid(field: string, details: Readonly<Record<string, unknown>> = {}): SwitchboardError {
  return new SwitchboardError(
    'SB_CONTENT_INVALID',
    `The IRC message cannot be written: its ${field} hold something a line cannot carry; nothing was sent.`,
    { details: { field, ...details } },
  );
}

function tooLarge(part: 'line' | 'tags', bytes: number, limit: number): SwitchboardError {
  return new SwitchboardError(
    'SB_MESSAGE_TOO_LARGE',
    `The IRC ${part === 'line' ? 'line' : 'tags'} would be ${bytes} bytes, over the limit of ${limit}; nothing was sent.`,
    { details: { part, bytes, limit } },
  );
}
