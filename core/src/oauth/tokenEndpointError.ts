import {
  OperationProcessingError,
  ResponseBodyError,
  UnsupportedOperationError,
  WWWAuthenticateChallengeError,
} from 'oauth4webapi';
import { SwitchboardError } from '../errors/SwitchboardError';

const MAX_DESCRIPTION = 300;

/** The server's error_description, unless it is long or repeats one of the values we sent. */
function safeDescription(value: unknown, secrets: readonly string[]): string | undefined {
  if (typeof value !== 'string' || value === '' || value.length > MAX_DESCRIPTION) return undefined;
  return secrets.some((secret) => secret !== '' && value.includes(secret)) ? undefined : value;
}

function statusOf(value: unknown): number | undefined {
  const status = (value as { status?: unknown } | null)?.status;
  return typeof value === 'object' && typeof status === 'number' ? status : undefined;
}

function nameOf(value: unknown): string | undefined {
  const name = (value as { name?: unknown } | null)?.name;
  return typeof value === 'object' && typeof name === 'string' ? name : undefined;
}

function failed(message: string, details: Record<string, unknown>, cause?: unknown) {
  return new SwitchboardError('SB_OAUTH_FAILED', message, {
    details,
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Turns whatever a token-endpoint call threw into a SwitchboardError: `invalid_grant` is
 * SB_OAUTH_GRANT_REVOKED; anything else (other OAuth2 errors, HTTP errors, network, a body that is
 * not a token response) is SB_OAUTH_FAILED with `details` { status?, error?, description?, reason? }.
 *
 * oauth4webapi's errors are never passed on as `cause`, because they can hold the response body
 * (with tokens); only network errors are, as they carry no request data. `secrets` are the values
 * sent in the request: a server description that repeats one of them is dropped.
 */
export function tokenEndpointError(error: unknown, secrets: readonly string[]): SwitchboardError {
  if (SwitchboardError.is(error)) return error;
  if (error instanceof ResponseBodyError) {
    const description = safeDescription(error.error_description, secrets);
    const details = {
      status: error.status,
      error: error.error,
      ...(description === undefined ? {} : { description }),
    };
    if (error.error === 'invalid_grant') {
      return new SwitchboardError(
        'SB_OAUTH_GRANT_REVOKED',
        'The token endpoint answered invalid_grant: the grant was revoked, expired or already used; the user must authorize again.',
        { details },
      );
    }
    return failed(`The token endpoint answered with the OAuth2 error ${error.error}.`, details);
  }
  if (error instanceof WWWAuthenticateChallengeError) {
    const code = error.cause.find((c) => typeof c.parameters.error === 'string')?.parameters.error;
    return failed(
      'The token endpoint refused the client authentication; check the client id and secret.',
      { status: error.status, ...(code === undefined ? {} : { error: code }) },
    );
  }
  if (error instanceof OperationProcessingError) {
    const status = statusOf(error.cause);
    return failed(
      status === undefined
        ? 'The token endpoint sent a response that is not a valid token response.'
        : `The token endpoint answered HTTP ${status} without a usable OAuth2 error.`,
      { ...(status === undefined ? {} : { status }), reason: error.code ?? 'invalid_response' },
    );
  }
  if (error instanceof UnsupportedOperationError) {
    return failed('The token endpoint issued a token type Switchboard cannot use.', {
      reason: 'unsupported_token_type',
    });
  }
  // By name, not instanceof: fetch's errors may come from another realm (jest, workers).
  const name = nameOf(error);
  if (name === 'TimeoutError' || name === 'AbortError') {
    return failed('The token endpoint did not answer in time; check the network.', {
      reason: 'timeout',
    });
  }
  if (name === 'TypeError' && !('code' in (error as object))) {
    return failed(
      'The token endpoint could not be reached; check the endpoint and the network.',
      {
        reason: 'network',
      },
      error,
    );
  }
  return failed('The token endpoint could not be used.', { reason: 'unexpected' });
}
