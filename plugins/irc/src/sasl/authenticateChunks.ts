/**
 * The wire framing of SASL in IRC (https://ircv3.net/specs/extensions/sasl-3.1): base64 data in
 * `AUTHENTICATE` parameters of at most 400 bytes, `+` for empty data and after a last chunk of
 * exactly 400 bytes. The mechanisms themselves are the SASL registry's.
 */
import { SwitchboardError } from '@switchboard/core';

/** The most bytes of base64 in one AUTHENTICATE parameter. */
export const AUTHENTICATE_CHUNK = 400;

/**
 * The AUTHENTICATE parameters that carry `base64`: 400-byte chunks, then `+` if the last one was
 * full (so the server knows it ended); `['+']` for empty data.
 */
export function authenticateChunks(base64: string): string[] {
  if (base64 === '') return ['+'];
  const chunks: string[] = [];
  for (let i = 0; i < base64.length; i += AUTHENTICATE_CHUNK) {
    chunks.push(base64.slice(i, i + AUTHENTICATE_CHUNK));
  }
  if (base64.length % AUTHENTICATE_CHUNK === 0) chunks.push('+');
  return chunks;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Joins the server's AUTHENTICATE parameters into one challenge (the reverse of
 * {@link authenticateChunks}). Bounded: a chunk over 400 bytes, or a challenge over `maxBytes`,
 * is `SB_SASL_PROTOCOL`; data that is not base64 is `SB_SASL_MALFORMED_CHALLENGE`.
 */
export class AuthenticateAssembler {
  private parts: string[] = [];
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024) {}

  /** Adds one parameter; the whole base64 challenge (`''` for empty) when complete, else undefined. */
  push(param: string): string | undefined {
    if (param === '+') return this.finish();
    if (param.length > AUTHENTICATE_CHUNK) {
      throw protocol('chunk-too-long', { length: param.length });
    }
    if (!/^[A-Za-z0-9+/=]*$/.test(param)) throw notBase64();
    this.bytes += param.length;
    if (this.bytes > this.maxBytes) throw protocol('challenge-too-long', { limit: this.maxBytes });
    this.parts.push(param);
    return param.length < AUTHENTICATE_CHUNK ? this.finish() : undefined;
  }

  private finish(): string {
    const whole = this.parts.join('');
    this.parts = [];
    this.bytes = 0;
    if (whole.length % 4 !== 0 || !BASE64.test(whole)) throw notBase64();
    return whole;
  }
}

function protocol(reason: string, details: Readonly<Record<string, unknown>>): SwitchboardError {
  return new SwitchboardError(
    'SB_SASL_PROTOCOL',
    `The server's AUTHENTICATE data broke the protocol (${reason}).`,
    { details: { reason, ...details } },
  );
}

function notBase64(): SwitchboardError {
  return new SwitchboardError(
    'SB_SASL_MALFORMED_CHALLENGE',
    'The server sent an AUTHENTICATE challenge that is not base64.',
    { details: { reason: 'not-base64' } },
  );
}
