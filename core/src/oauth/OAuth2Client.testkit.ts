/**
 * Shared helpers of the OAuth2 client's token-endpoint tests (not part of the package API).
 */
import { SwitchboardError } from '../errors/SwitchboardError';
import type { LocalTokenServer } from './LocalTokenServer.fixture';
import { OAuth2Client } from './OAuth2Client';
import type { OAuth2ClientOptions } from './OAuth2ClientOptions';

/** The fixed clock of these tests. */
export const NOW = 1_700_000_000_000;
/** The redirect URI the test clients register. */
export const REDIRECT = 'http://127.0.0.1:9/callback';

/** Runs `fn` and returns the SwitchboardError it throws (fails the test otherwise). */
export async function failure(fn: () => unknown): Promise<SwitchboardError> {
  try {
    await fn();
  } catch (error) {
    if (SwitchboardError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a SwitchboardError');
}

/** A client of the current local server, and a code flow already authorized at it. */
export function tokenEndpointKit(server: () => LocalTokenServer) {
  function localClient(options: OAuth2ClientOptions = {}, secret?: string): OAuth2Client {
    const s = server();
    return new OAuth2Client(
      {
        authorizationEndpoint: s.authorizationEndpoint,
        tokenEndpoint: s.tokenEndpoint,
        scopes: ['wl.messenger'],
        redirectUri: REDIRECT,
        clientId: s.clientId,
        ...(secret === undefined ? {} : { clientSecret: secret }),
      },
      { now: () => NOW, ...options },
    );
  }

  async function authorized(client: OAuth2Client) {
    const start = await client.startAuthorizationCode({ redirectUri: REDIRECT });
    const challenge = start.url.searchParams.get('code_challenge') ?? '';
    const code = server().issueCode(challenge, REDIRECT);
    const callbackUrl = `${REDIRECT}?code=${code}&state=${start.state}`;
    return { ...start, code, callbackUrl };
  }

  return { localClient, authorized };
}
