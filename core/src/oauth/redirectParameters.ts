/**
 * Reading OAuth2 redirects (RFC 6749 §4.1.2 and §4.2.2): the fragment decoder and the checks that
 * every redirect goes through (duplicates, error responses, state).
 */
import { SwitchboardError } from '../errors/SwitchboardError';

function redirectError(message: string, details: Record<string, unknown>): SwitchboardError {
  return new SwitchboardError('SB_OAUTH_REDIRECT_ERROR', message, { details });
}

function decode(text: string, part: 'name' | 'value', name?: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Never echo the undecodable text: it may be (part of) a token.
    throw redirectError('The redirect carries a malformed percent-encoding; authorize again.', {
      reason: 'malformed_encoding',
      ...(part === 'value' && name !== undefined ? { parameter: name } : {}),
    });
  }
}

/**
 * Decodes a redirect fragment (`#a=1&b=2`, the leading `#` optional) into parameters.
 *
 * Values are percent-decoded (`%2f` → `/`, `%2b` → `+`, `%3d` → `=`), but unlike
 * `URLSearchParams` a literal `+` stays `+`: Live's tokens are base64 text, Live escapes its `+`
 * as `%2b`, and some clients and proxies hand the fragment back with `+` unescaped; turning it into
 * a space would corrupt the token. OAuth2 tokens never contain spaces, so nothing is lost.
 */
export function parseFragment(fragment: string): URLSearchParams {
  const params = new URLSearchParams();
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = decode(at < 0 ? pair : pair.slice(0, at), 'name');
    params.append(name, at < 0 ? '' : decode(pair.slice(at + 1), 'value', name));
  }
  return params;
}

const ERROR_CODE = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/;

/**
 * Checks a redirect before anything in it is used: each parameter at most once, then an error
 * response, then `state`.
 *
 * An error response whose `state` is another request's is not ours (SB_OAUTH_STATE_MISMATCH). An
 * error response without `state` is reported as SB_OAUTH_REDIRECT_ERROR: some servers omit it on
 * errors, and an error cannot inject tokens, only end a flow that the user then restarts.
 */
export function checkRedirect(params: URLSearchParams, expectedState: string): void {
  for (const name of new Set(params.keys())) {
    if (params.getAll(name).length > 1) {
      throw redirectError('The redirect repeats a parameter; authorize again.', {
        reason: 'duplicate_parameter',
        parameter: name,
      });
    }
  }
  const state = params.get('state');
  const error = params.get('error');
  if (error !== null && (state === null || state === expectedState)) {
    const description = params.get('error_description');
    const shown = ERROR_CODE.test(error) ? ` (${error})` : '';
    throw redirectError(
      `The authorization server refused the authorization${shown}; see details.error and start the authorization again.`,
      { error, ...(description === null ? {} : { description }) },
    );
  }
  if (state === null || state !== expectedState) {
    throw new SwitchboardError(
      'SB_OAUTH_STATE_MISMATCH',
      state === null
        ? 'The redirect carries no state; start the authorization again.'
        : 'The redirect belongs to another authorization request (state differs); start the authorization again.',
      { details: { reason: state === null ? 'missing' : 'different' } },
    );
  }
}
