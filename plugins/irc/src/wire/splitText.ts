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

/**
 * `text` in pieces of at most `maxBytes` UTF-8 bytes each, which concatenate back to `text`.
 * Pieces end on grapheme boundaries (a flag or an accented letter stays whole) unless one grapheme
 * alone is over the budget, then on code point boundaries (a surrogate pair is never split). A
 * piece ends after the last whitespace that leaves it at least half full, so words stay whole.
 * Throws `SB_CONFIG_INVALID` (`details.field: 'maxBytes'`) for a budget under 4 bytes (one code
 * point may need 4).
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
  let piece = '';
  let bytes = 0;
  let breakAt = -1;
  let breakBytes = 0;
  for (const unit of units(text, maxBytes)) {
    const size = utf8Length(unit);
    if (bytes + size > maxBytes) {
      if (breakAt > 0 && breakBytes * 2 >= maxBytes) {
        pieces.push(piece.slice(0, breakAt));
        piece = piece.slice(breakAt);
        bytes -= breakBytes;
      }
      if (bytes + size > maxBytes) {
        pieces.push(piece);
        piece = '';
        bytes = 0;
      }
      breakAt = -1;
    }
    piece += unit;
    bytes += size;
    if (/^\s+$/u.test(unit)) {
      breakAt = piece.length;
      breakBytes = bytes;
    }
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
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

/** Graphemes, with any grapheme over the budget broken into code points. */
function* units(text: string, maxBytes: number): Generator<string> {
  const graphemes =
    segmenter === undefined
      ? Array.from(text)
      : Array.from(segmenter.segment(text), (s) => s.segment);
  for (const grapheme of graphemes) {
    if (utf8Length(grapheme) <= maxBytes) yield grapheme;
    else yield* Array.from(grapheme);
  }
}

function utf8Length(text: string): number {
  return encoder.encode(text).length;
}
