import { type ErrorCode, SwitchboardError } from '@switchboard/core';
import { CliError } from './CliError';
import { ExitCode } from './ExitCode';

/**
 * The exit code of every error code. A `Record` over the whole catalogue, so a code added to core
 * does not compile here until someone decides what it means for a script.
 */
export const exitCodes: Readonly<Record<ErrorCode, ExitCode>> = {
  SB_CONFIG_INVALID: ExitCode.usage,
  SB_PROFILE_UNKNOWN: ExitCode.usage,
  SB_DUPLICATE_PROFILE: ExitCode.usage,
  SB_MODULE_INVALID: ExitCode.usage,
  SB_MODULE_DUPLICATE: ExitCode.usage,
  SB_MODULE_NOT_FOUND: ExitCode.usage,
  SB_CORE_VERSION_UNSUPPORTED: ExitCode.usage,
  SB_DEPENDENCY_MISSING: ExitCode.usage,
  SB_SASL_DUPLICATE_MECHANISM: ExitCode.usage,
  SB_SASL_UNKNOWN_MECHANISM: ExitCode.usage,
  SB_ACCOUNT_DUPLICATE: ExitCode.usage,
  SB_ACCOUNT_UNKNOWN: ExitCode.usage,
  SB_TOKEN_STORE_FAILED: ExitCode.usage,
  SB_ADDRESS_INVALID: ExitCode.usage,
  SB_CONTENT_INVALID: ExitCode.usage,
  SB_MESSAGE_TOO_LARGE: ExitCode.usage,
  SB_EXTENSION_INVALID: ExitCode.usage,

  SB_CONNECTION_FAILED: ExitCode.unreachable,
  SB_CONNECTION_CLOSED: ExitCode.unreachable,
  SB_DNS_FAILED: ExitCode.unreachable,
  SB_SERVICE_UNAVAILABLE: ExitCode.unreachable,
  SB_CONNECTION_LOST: ExitCode.unreachable,
  SB_TIMEOUT: ExitCode.unreachable,
  SB_TLS_REQUIRED: ExitCode.unreachable,
  SB_TLS_FAILED: ExitCode.unreachable,
  SB_INSECURE_NOT_LOOPBACK: ExitCode.unreachable,
  SB_STREAM_ERROR: ExitCode.unreachable,
  SB_XML_MALFORMED: ExitCode.unreachable,
  SB_STANZA_TOO_LARGE: ExitCode.unreachable,
  SB_IRC_MALFORMED: ExitCode.unreachable,
  SB_IRC_LINE_TOO_LONG: ExitCode.unreachable,
  SB_IRC_NICK_REFUSED: ExitCode.refused,
  SB_IRC_REFUSED: ExitCode.refused,
  SB_RECONNECT_GAVE_UP: ExitCode.unreachable,
  SB_OAUTH_FAILED: ExitCode.unreachable,

  SB_SASL_NO_MECHANISM: ExitCode.auth,
  SB_SASL_FAILURE: ExitCode.auth,
  SB_SASL_MALFORMED_CHALLENGE: ExitCode.auth,
  SB_SASL_SERVER_VERIFICATION_FAILED: ExitCode.auth,
  SB_SASL_PROTOCOL: ExitCode.auth,
  SB_SASL_DOWNGRADE: ExitCode.auth,
  SB_REAUTH_REQUIRED: ExitCode.auth,
  SB_OAUTH_REDIRECT_ERROR: ExitCode.auth,
  SB_OAUTH_STATE_MISMATCH: ExitCode.auth,
  SB_OAUTH_GRANT_REVOKED: ExitCode.auth,
  SB_CREDENTIAL_UNAVAILABLE: ExitCode.auth,

  SB_CAPABILITY_UNSUPPORTED: ExitCode.refused,
  SB_CAPABILITY_REFUSED: ExitCode.refused,
  SB_WATCH_LIMIT: ExitCode.refused,
  SB_ROOM_JOIN_REFUSED: ExitCode.refused,
  SB_ROOM_NOT_JOINED: ExitCode.refused,
  SB_ROOM_REFUSED: ExitCode.refused,
  SB_MESSAGE_REFUSED: ExitCode.refused,

  SB_ACCOUNT_STATE: ExitCode.failure,
  SB_ABORTED: ExitCode.failure,
  SB_EXTENSION_FAILED: ExitCode.failure,
  SB_SEND_ABANDONED: ExitCode.failure,
  SB_MESSAGE_BOUNCED: ExitCode.failure,
  SB_STANZA_ERROR: ExitCode.failure,
  SB_STANZA_FORGED: ExitCode.failure,
  SB_BAD_RESPONSE: ExitCode.failure,
  SB_PROSODY_MISSING: ExitCode.failure,
  SB_PROSODY_FAILED: ExitCode.failure,
  SB_PROSODY_UNSUPPORTED: ExitCode.failure,
  SB_ERGO_MISSING: ExitCode.failure,
  SB_ERGO_FAILED: ExitCode.failure,
};

/** The exit code for anything a command threw: coded errors by code, anything else 1. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (SwitchboardError.is(error)) return exitCodes[error.code] ?? ExitCode.failure;
  return ExitCode.failure;
}
