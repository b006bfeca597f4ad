/**
 * Loopback redirect for native apps (RFC 8252 §7.3): a one-shot HTTP server on 127.0.0.1 that
 * receives the authorization server's redirect in the user's browser. Node-only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SwitchboardError } from '../errors/SwitchboardError';

/** Options for {@link startLoopbackRedirect}. */
export interface LoopbackRedirectOptions {
  /** Port on 127.0.0.1. Default 0: any free port (RFC 8252 §7.3 asks servers to accept any). */
  readonly port?: number;
  /** Path of the redirect URI. Default `'/callback'`. */
  readonly path?: string;
  /** How long to wait for the browser, in ms. Default 300 000 (5 minutes). */
  readonly timeoutMs?: number;
  /** The page shown in the browser after the redirect; static, it never shows the code. */
  readonly successHtml?: string;
}

/** A running receiver; it closes itself after the first callback or the timeout. */
export interface LoopbackRedirect {
  /** `http://127.0.0.1:<port><path>`: use it as the redirect URI of the authorization request. */
  readonly redirectUri: string;
  /**
   * Resolves with the full callback URL (query included) of the first request to the path.
   * Rejects with SB_TIMEOUT after `timeoutMs`, or SB_OAUTH_FAILED when closed before.
   */
  waitForCallback(): Promise<URL>;
  /** Stops the server; safe to call more than once. */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

const DEFAULT_HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>Authorization received</title></head>' +
  '<body><p>Authorization received. You can close this window and return to the application.</p>' +
  '</body></html>';

function answer(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  res.end(html);
}

/**
 * Starts an HTTP server on 127.0.0.1 only (never on other interfaces) and returns the redirect URI
 * to use. The first GET to `path` answers a small static page and resolves `waitForCallback()`
 * with its URL; other paths get 404. The server closes after that request, after the timeout, or on
 * `close()`.
 * @throws SB_CONFIG_INVALID when the port cannot be used or an option is malformed.
 */
export async function startLoopbackRedirect(
  options: LoopbackRedirectOptions = {},
): Promise<LoopbackRedirect> {
  const path = options.path ?? '/callback';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const port = options.port ?? 0;
  if (!path.startsWith('/') || path.includes('?') || path.includes('#')) {
    throw new SwitchboardError('SB_CONFIG_INVALID', 'path must start with / and have no query.', {
      details: { field: 'path' },
    });
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new SwitchboardError('SB_CONFIG_INVALID', 'timeoutMs must be a positive number.', {
      details: { field: 'timeoutMs' },
    });
  }
  const html = options.successHtml ?? DEFAULT_HTML;

  let settle: { resolve(url: URL): void; reject(error: Error): void } | undefined;
  const callback = new Promise<URL>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The caller may never wait (e.g. it closes after a failure): no unhandled rejection then.
  callback.catch(() => undefined);

  let base = '';
  let done = false;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    if (url.pathname !== path) return answer(res, 404, '<!doctype html><p>Not found.</p>');
    if (req.method !== 'GET') return answer(res, 405, '<!doctype html><p>Method not allowed.</p>');
    if (done) return answer(res, 410, '<!doctype html><p>This sign-in has already finished.</p>');
    answer(res, 200, html);
    finish(undefined, url);
  });

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      clearTimeout(timer);
      finish(
        new SwitchboardError(
          'SB_OAUTH_FAILED',
          'The loopback redirect receiver was closed before the browser came back.',
          { details: { reason: 'closed' } },
        ),
      );
      server.close(() => resolve());
      server.closeIdleConnections();
      // A browser may hold a speculative connection open; do not wait for it for long.
      setTimeout(() => server.closeAllConnections(), 1_000).unref();
    });
    return closed;
  };

  function finish(error: Error | undefined, url?: URL): void {
    if (done) return;
    done = true;
    if (url !== undefined) settle?.resolve(url);
    else if (error !== undefined) settle?.reject(error);
    // Let the answer reach the browser, then stop listening.
    setImmediate(() => void close());
  }

  const timer = setTimeout(() => {
    finish(
      new SwitchboardError(
        'SB_TIMEOUT',
        `The browser did not come back to the redirect URI within ${timeoutMs} ms; authorize again.`,
        { details: { timeoutMs } },
      ),
    );
  }, timeoutMs);
  timer.unref?.();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (cause) {
    clearTimeout(timer);
    done = true;
    throw new SwitchboardError(
      'SB_CONFIG_INVALID',
      `Cannot listen on 127.0.0.1:${port} for the OAuth2 redirect; choose another port or 0.`,
      { cause, details: { field: 'port', port } },
    );
  }
  const address = server.address() as AddressInfo;
  base = `http://127.0.0.1:${address.port}`;
  return {
    redirectUri: `${base}${path}`,
    waitForCallback: () => callback,
    close,
  };
}
