/**
 * Framing of the received byte stream into IRC lines (modern IRC: lines end in CRLF; a bare LF is
 * accepted, as most clients do). Memory is bounded: at most one line's limit is buffered.
 *
 * Text: the tags part (before the first space of a line starting with `@`) must be UTF-8
 * (message-tags), so invalid UTF-8 there is refused with `SB_IRC_MALFORMED`
 * (`invalid-utf8-tags`). The rest of the line is decoded with U+FFFD for invalid bytes: IRC has no
 * negotiated charset and legacy clients still send Latin-1, which must not drop the connection.
 */
import { SwitchboardError } from '@switchboard/core';
import { LINE_BYTES, TAGS_BYTES } from './IrcMessage';
import { malformed } from './malformed';

/** Options for {@link LineReader}. */
export interface LineReaderOptions {
  /** The most bytes one line may have, CRLF included; default 8703 (8191 of tags + 512). */
  readonly maxLineBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const AT = 0x40;

/** Turns received bytes into complete lines, whatever the chunking. Empty lines are skipped. */
export class LineReader {
  /** The limit in bytes of one line, CRLF included. */
  readonly maxLineBytes: number;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private failure: SwitchboardError | undefined;
  private readonly strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly lenient = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(options: LineReaderOptions = {}) {
    this.maxLineBytes = options.maxLineBytes ?? TAGS_BYTES + LINE_BYTES;
  }

  /**
   * The lines completed by `chunk` (without CRLF/LF). Throws `SB_IRC_LINE_TOO_LONG` as soon as a
   * line passes the limit, and `SB_IRC_MALFORMED` for invalid UTF-8 in tags; after either, every
   * call throws the same error (the connection is to be closed).
   */
  push(chunk: Uint8Array): string[] {
    if (this.failure !== undefined) throw this.failure;
    try {
      return this.split(chunk);
    } catch (error) {
      this.failure = error as SwitchboardError;
      this.pending = [];
      this.pendingBytes = 0;
      throw error;
    }
  }

  /** The bytes of an unfinished line held back, waiting for its end. */
  get buffered(): number {
    return this.pendingBytes;
  }

  private split(chunk: Uint8Array): string[] {
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const lf = chunk.indexOf(LF, start);
      if (lf === -1) break;
      const length = this.pendingBytes + lf + 1 - start;
      if (length > this.maxLineBytes) throw this.tooLong();
      const line = this.take(chunk.subarray(start, lf));
      start = lf + 1;
      const text = this.decode(line);
      if (text !== '') lines.push(text);
    }
    const rest = chunk.length - start;
    if (rest > 0) {
      // The line's end is not here yet: the limit counts at least one byte more for it.
      if (this.pendingBytes + rest + 1 > this.maxLineBytes) throw this.tooLong();
      this.pending.push(chunk.slice(start));
      this.pendingBytes += rest;
    }
    return lines;
  }

  private take(tail: Uint8Array): Uint8Array {
    if (this.pending.length === 0) return tail;
    const line = new Uint8Array(this.pendingBytes + tail.length);
    let offset = 0;
    for (const part of this.pending) {
      line.set(part, offset);
      offset += part.length;
    }
    line.set(tail, offset);
    this.pending = [];
    this.pendingBytes = 0;
    return line;
  }

  private decode(bytes: Uint8Array): string {
    const end =
      bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
    const line = bytes.subarray(0, end);
    if (line[0] !== AT) return this.lenient.decode(line);
    const space = line.indexOf(SPACE);
    const tagsEnd = space === -1 ? line.length : space;
    let tags: string;
    try {
      tags = this.strict.decode(line.subarray(0, tagsEnd));
    } catch {
      throw malformed('invalid-utf8-tags');
    }
    return tags + this.lenient.decode(line.subarray(tagsEnd));
  }

  private tooLong(): SwitchboardError {
    return new SwitchboardError(
      'SB_IRC_LINE_TOO_LONG',
      `The IRC server sent a line over ${this.maxLineBytes} bytes; the connection is closed.`,
      { details: { limit: this.maxLineBytes } },
    );
  }
}
