/**
 * Host input checked before anything is sent: nicks as addresses, and message text an IRC line
 * can carry.
 */
import { type OutboundMessage, SwitchboardError } from '@switchboard/core';

/**
 * A nick as servers accept them (https://modern.ircdocs.horse/#clients): no space, comma, `*`,
 * `?`, `!`, `@`, no leading `$`, `:`, `#`, `&` or digit-free channel prefixes, no control
 * characters; at most 64 characters here (servers announce their own `NICKLEN`).
 */
const NICK = /^(?![$:#&+~%])[^\s,*?!@\p{Cc}]{1,64}$/u;

/** Throws SB_ADDRESS_INVALID (naming `field`) unless `address` is a nick. */
export function checkNick(address: string, field: string): void {
  if (NICK.test(address)) return;
  throw new SwitchboardError(
    'SB_ADDRESS_INVALID',
    `"${address.slice(0, 80)}" is not an IRC nick (${field}); nothing was sent.`,
    { details: { field, address: address.slice(0, 80) } },
  );
}

/**
 * A channel name (https://modern.ircdocs.horse/#channels): a channel type character (`#`, `&`,
 * and the rarer `+` and `!`; the server's `CHANTYPES` decides at `joinRoom`), then no space,
 * comma or control character (BEL included); at most 200 characters.
 */
const CHANNEL = /^[#&+!][^\s,\p{Cc}]{1,199}$/u;

/** Throws SB_ADDRESS_INVALID (naming `field`) unless `address` is a channel name. */
export function checkChannel(address: string, field: string): void {
  if (CHANNEL.test(address)) return;
  throw new SwitchboardError(
    'SB_ADDRESS_INVALID',
    `"${address.slice(0, 80)}" is not an IRC channel (${field}); channels start with # or &. Nothing was sent.`,
    { details: { field, address: address.slice(0, 80) } },
  );
}

/** Throws SB_CONTENT_INVALID for an empty body or a NUL, which no IRC line can carry. */
export function checkIrcMessage(message: OutboundMessage): void {
  if (message.body.trim() === '') {
    throw new SwitchboardError('SB_CONTENT_INVALID', 'IRC cannot send an empty message.', {
      details: { field: 'body', reason: 'empty' },
    });
  }
  if (message.body.includes('\u0000')) {
    throw new SwitchboardError('SB_CONTENT_INVALID', 'IRC lines cannot carry NUL characters.', {
      details: { field: 'body', reason: 'nul' },
    });
  }
}
