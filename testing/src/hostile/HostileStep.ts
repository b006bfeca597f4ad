/**
 * The steps of a hostile server's script, and their builders. A connection runs the steps in
 * order; a step that waits for the client ends the script when the client closes first.
 */
import type { HostileCertificate } from './hostileCertificates';

/** What a computed `send` step can see. */
export interface StepContext {
  /** The match of the most recent {@link expectData} step, with its capture groups. */
  readonly match: RegExpExecArray | undefined;
}

/** Bytes to send: text (sent as UTF-8), raw bytes, or computed from the last match. */
export type HostileData = string | Uint8Array | ((context: StepContext) => string | Uint8Array);

/** One step of a script. Build steps with the functions below rather than by hand. */
export type HostileStep =
  | { readonly kind: 'expect'; readonly pattern: RegExp }
  | { readonly kind: 'send'; readonly data: HostileData }
  | { readonly kind: 'tls'; readonly certificate: HostileCertificate }
  | { readonly kind: 'wait'; readonly until: () => Promise<unknown> }
  | { readonly kind: 'close'; readonly how: 'end' | 'destroy' };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Waits until the client's bytes not yet consumed by an earlier `expect` match `pattern` (a
 * string is matched literally), then consumes them up to the end of the match. The match is
 * passed to the next computed {@link sendData}.
 */
export function expectData(pattern: string | RegExp): HostileStep {
  return {
    kind: 'expect',
    pattern: typeof pattern === 'string' ? new RegExp(escapeRegExp(pattern)) : pattern,
  };
}

/** Writes `data` to the client at once, without waiting for it to be flushed. */
export function sendData(data: HostileData): HostileStep {
  return { kind: 'send', data };
}

/**
 * Starts TLS as the server on the connection, presenting `certificate`, and waits for the
 * handshake. Run it right after sending `<proceed/>`. If the client refuses the certificate,
 * the script ends here. Bytes read after it are recorded decrypted, as layer `tls`.
 */
export function startTls(certificate: HostileCertificate): HostileStep {
  return { kind: 'tls', certificate };
}

/** Waits for `until()` to settle (e.g. a promise the test resolves once the client is online). */
export function waitFor(until: () => Promise<unknown>): HostileStep {
  return { kind: 'wait', until };
}

/** Closes the connection: `end` sends FIN after pending writes, `destroy` drops it at once. */
export function closeConnection(how: 'end' | 'destroy' = 'end'): HostileStep {
  return { kind: 'close', how };
}
