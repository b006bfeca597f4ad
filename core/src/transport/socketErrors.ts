/**
 * Node's socket error codes sorted by what they mean to a login: the network (the server could
 * not be reached or the connection broke) or TLS (certificate or handshake).
 */

/** Codes of a server that could not be reached, or a connection that broke. */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
]);

/** Whether `code` is a TLS failure: OpenSSL, Node's TLS layer or certificate verification. */
export function isTlsErrorCode(code: string | undefined): boolean {
  if (code === undefined) return false;
  return (
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    /CERT|SELF_SIGNED|UNABLE_TO_/.test(code)
  );
}
