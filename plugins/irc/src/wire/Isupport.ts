/**
 * `RPL_ISUPPORT` (005) tokens (https://modern.ircdocs.horse/#rplisupport-005): what the server
 * advertises about itself, gathered over its lines.
 */
import { type Casemapping, toCasemapping } from './casemapping';
import type { IrcMessage } from './IrcMessage';
import { LINE_BYTES } from './IrcMessage';
import { malformed } from './malformed';
import { Numerics } from './numerics';

/** A token name: upper case and digits, with an optional vendor prefix (`draft/CHATHISTORY`). */
const TOKEN = /^-?(?:[a-z0-9.-]{1,32}\/)?[A-Z0-9]{1,20}$/;

/** The server's ISUPPORT tokens, and typed readers for the ones the plugin uses. */
export class Isupport {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly maxTokens = 512) {}

  /**
   * Adds the tokens of one 005 line (`<nick> TOKEN TOKEN=value -TOKEN :are supported`). A
   * `-TOKEN` removes one. Values have `\xHH` escapes decoded. A token that is not upper-case
   * letters and digits, or more than `maxTokens` of them, is `SB_IRC_MALFORMED`
   * (`invalid-isupport`).
   */
  add(message: IrcMessage): void {
    if (message.command !== Numerics.RPL_ISUPPORT) throw malformed('invalid-isupport');
    for (const token of message.params.slice(1, -1)) {
      const eq = token.indexOf('=');
      const name = eq === -1 ? token : token.slice(0, eq);
      if (!TOKEN.test(name)) throw malformed('invalid-isupport');
      if (name.startsWith('-')) {
        this.tokens.delete(name.slice(1));
        continue;
      }
      this.tokens.set(name, eq === -1 ? '' : decodeValue(token.slice(eq + 1)));
      if (this.tokens.size > this.maxTokens) {
        throw malformed('invalid-isupport', { limit: this.maxTokens });
      }
    }
  }

  /** A token's value (`''` for one without), or undefined when not advertised. */
  get(name: string): string | undefined {
    return this.tokens.get(name);
  }

  /** `LINELEN`: bytes of a line without tags, CRLF included; 512 when absent or invalid. */
  get lineBytes(): number {
    return positiveInt(this.tokens.get('LINELEN')) ?? LINE_BYTES;
  }

  /** `NICKLEN`: the longest nick, or undefined when not advertised. */
  get nickLength(): number | undefined {
    return positiveInt(this.tokens.get('NICKLEN'));
  }

  /** `CASEMAPPING`: how nicks compare; `rfc1459` when absent or unknown. */
  get casemapping(): Casemapping {
    return toCasemapping(this.tokens.get('CASEMAPPING'));
  }

  /** `CHANTYPES`: the characters that start a channel name; `#&` when absent. */
  get chanTypes(): string {
    return this.tokens.get('CHANTYPES') ?? '#&';
  }
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^[0-9]{1,9}$/.test(value)) return undefined;
  const number = Number(value);
  return number > 0 ? number : undefined;
}

function decodeValue(raw: string): string {
  return raw.replace(/\\x([0-9A-Fa-f]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}
