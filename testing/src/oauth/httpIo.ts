/** Small HTTP helpers for the OAuth server: form bodies, single-valued parameters, answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY = 64 * 1024;

/** A request that cannot be answered normally: `status` and an OAuth `error` code. */
export class OAuthHttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

/**
 * The parameters of `params` as a record, each at most once (RFC 6749 §3.1, §3.2: a parameter
 * sent twice is `invalid_request`).
 */
export function singleParams(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of params) {
    if (Object.hasOwn(out, name)) {
      throw new OAuthHttpError(400, 'invalid_request', `The parameter ${name} is repeated.`);
    }
    out[name] = value;
  }
  return out;
}

/** Reads an `application/x-www-form-urlencoded` body (at most 64 KiB). */
export async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    req.resume();
    throw new OAuthHttpError(
      400,
      'invalid_request',
      'The body must be application/x-www-form-urlencoded.',
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new OAuthHttpError(413, 'invalid_request', 'The body is too large.');
    chunks.push(chunk as Buffer);
  }
  return singleParams(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/** Sends `body` as JSON, never cached (RFC 6749 §5.1). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  });
  res.end(text);
}

/** Sends an OAuth error answer: `{ error, error_description }`. */
export function sendError(res: ServerResponse, failure: OAuthHttpError): void {
  sendJson(res, failure.status, { error: failure.error, error_description: failure.message });
}

/** Sends a plain-text page: for authorization errors that must not redirect (RFC 6749 §4.1.2.1). */
export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Sends a 302 to `location`. */
export function sendRedirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': 0 });
  res.end();
}

/** The client id of HTTP Basic authentication (RFC 6749 §2.3.1: form-encoded), if any. */
export function basicClientId(req: IncomingMessage): string | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
  if (m === null) return undefined;
  const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
