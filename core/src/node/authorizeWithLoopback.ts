import type { OAuth2Client } from '../oauth/OAuth2Client';
import type { TokenSet } from '../oauth/TokenSet';
import { startLoopbackRedirect } from './LoopbackRedirectReceiver';

/** Options for {@link authorizeWithLoopback}. */
export interface LoopbackAuthorizationOptions {
  /**
   * Shows the authorize URL to the user: open a browser, or print it. Without it nothing is
   * opened or printed (a library must not write to the console); the flow then only completes if
   * something else sends the browser to the URL, so interactive callers should always pass it.
   */
  readonly open?: (url: URL) => void | Promise<void>;
  /** Default: the client's configured scopes. */
  readonly scopes?: readonly string[];
  /** More authorize parameters (e.g. `prompt`). */
  readonly extraParameters?: Readonly<Record<string, string>>;
  /** Loopback port; default 0 (any free port). */
  readonly port?: number;
  /** Redirect path; default `'/callback'`. */
  readonly path?: string;
  /** How long to wait for the browser; default 5 minutes. */
  readonly timeoutMs?: number;
  /** The page the browser shows after the redirect. */
  readonly successHtml?: string;
}

/**
 * The whole native-app authorization (RFC 8252): starts a loopback receiver on 127.0.0.1, starts an
 * authorization code grant with PKCE for its redirect URI, calls `open` with the authorize URL,
 * waits for the browser to come back, exchanges the code, and always closes the receiver.
 * @throws what `startLoopbackRedirect`, `waitForCallback` (SB_TIMEOUT) and `exchangeCode` throw.
 */
export async function authorizeWithLoopback(
  client: OAuth2Client,
  options: LoopbackAuthorizationOptions = {},
): Promise<TokenSet> {
  const receiver = await startLoopbackRedirect({
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.path === undefined ? {} : { path: options.path }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.successHtml === undefined ? {} : { successHtml: options.successHtml }),
  });
  try {
    const redirectUri = receiver.redirectUri;
    const { url, state, codeVerifier } = await client.startAuthorizationCode({
      redirectUri,
      ...(options.scopes === undefined ? {} : { scopes: options.scopes }),
      ...(options.extraParameters === undefined
        ? {}
        : { extraParameters: options.extraParameters }),
    });
    await options.open?.(url);
    const callbackUrl = await receiver.waitForCallback();
    return await client.exchangeCode({ callbackUrl, state, codeVerifier, redirectUri });
  } finally {
    await receiver.close();
  }
}
