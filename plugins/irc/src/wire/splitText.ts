/**
 * Splitting a long message body into pieces that each fit one IRC line, on character boundaries.
 */
import { SwitchboardError } from '@switchboard/core';
import { LINE_BYTES } from './IrcMessage';

const encoder = new TextEncoder();
const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : undefined;

/** How far before a cut (UTF-16 units) grapheme boundaries are looked for; after it, how far. */
const LOOK_BACK = 64;
const LOOK_AHEAD = 32;
/** What cannot start a grapheme after whitespace: marks, joiners, variation selectors, skin tones. */
const EXTENDS =
  /^(?:\p{M}|\u200C|\u200D|[\uFE00-\uFE0F]|[\u{1F3FB}-\u{1F3FF}]|[\u{E0020}-\u{E007F}])/u;

/**
 * `text` in pieces of at most `maxBytes` UTF-8 bytes each, which concatenate back to `text`.
 * A piece never ends inside a code point (so never inside a surrogate pair). It ends on a grapheme
 * boundary (a flag or an accented letter stays whole) found among the last 64 UTF-16 units before
 * the cut, or on a code point boundary when there is none (one grapheme over the budget); and after
 * the last whitespace that leaves it at least half full, so words stay whole. Only the text around
 * each cut is segmented into graphemes (`Intl.Segmenter` is slow on whole texts). Throws
 * `SB_CONFIG_INVALID` (`details.field: 'maxBytes'`) for a budget under 4 bytes (one code point
 * may need 4).
 */
export function splitText(text: string, maxBytes: number): string[] {
  if (!Number.isInteger(maxBytes) || maxBytes < 4) {
    throw new SwitchboardError(
      'SB_CONFIG_INVALID',
      `An IRC message cannot be split into pieces of ${maxBytes} bytes; at least 4 are needed.`,
      { details: { field: 'maxBytes' } },
    );
  }
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    const hard = fitEnd(text, start, maxBytes);
    if (hard === text.length) {
      pieces.push(text.slice(start));
      break;
    }
    const cut = wordEnd(text, start, graphemeEnd(text, start, hard), maxBytes);
    pieces.push(text.slice(start, cut));
    start = cut;
  }
  return pieces;
}

/** The end of the longest run of whole code points from `start` within `maxBytes`. */
function fitEnd(text: string, start: number, maxBytes: number): number {
  let bytes = 0;
  let index = start;
  while (index < text.length) {
    const code = text.codePointAt(index) as number;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) break;
    bytes += size;
    index += code > 0xffff ? 2 : 1;
  }
  return index;
}

/** The last grapheme boundary in (start, hard] near `hard`, or `hard` when there is none. */
function graphemeEnd(text: string, start: number, hard: number): number {
  if (segmenter === undefined) return hard;
  const from = Math.max(start, hard - LOOK_BACK);
  let best = -1;
  for (const { index } of segmenter.segment(text.slice(from, hard + LOOK_AHEAD))) {
    const at = from + index;
    if (at > hard) break;
    // A boundary at the window's own start is only known when the window starts at the piece.
    if (at > start && (at > from || from === start)) best = at;
  }
  return best === -1 ? hard : best;
}

/** After the last whitespace in (start, end] that leaves the piece at least half full, or `end`. */
function wordEnd(text: string, start: number, end: number, maxBytes: number): number {
  for (let cut = end; cut > start; cut--) {
    if (!/\s/.test(text.charAt(cut - 1))) continue;
    if (utf8Length(text.slice(start, cut)) * 2 < maxBytes) return end;
    if (!EXTENDS.test(text.slice(cut, cut + 2))) return cut;
  }
  return end;
}

/**
 * The bytes left for the text of a PRIVMSG or NOTICE: the server relays
 * `:nick!user@host COMMAND target :text\r\n` in `lineBytes` (default 512).
 */
export function messageBudget(options: {
  readonly nick: string;
  readonly user: string;
  readonly host: string;
  readonly target: string;
  readonly command?: 'PRIVMSG' | 'NOTICE';
  readonly lineBytes?: number;
}): number {
  const prefix = `:${options.nick}!${options.user}@${options.host} ${options.command ?? 'PRIVMSG'} ${options.target} :`;
  return (options.lineBytes ?? LINE_BYTES) - utf8Length(prefix) - 2;
}

function utf8Length(text: string): number {
  return encoder.encode(text).length;
}
