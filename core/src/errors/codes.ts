/**
 * The error catalogue: every error Switchboard raises has one of these stable codes.
 * Codes never change meaning once published; messages may be reworded.
 * The value is a short hint on what the user or host app should do next.
 */
export const ErrorCodes = {
  // Configuration and loading
  SB_CONFIG_INVALID: 'The account or switchboard configuration is invalid; fix the named field.',
  SB_PROFILE_UNKNOWN: 'No loaded profile has this id; load its module or check the spelling.',
  SB_DUPLICATE_PROFILE: 'Two loaded profiles share one id; load only one of them.',
  SB_MODULE_INVALID:
    'A module has no valid manifest (name, semver version, core range, bindings); fix the named field.',
  SB_MODULE_DUPLICATE: 'The same module is loaded twice; load it once.',
  SB_MODULE_NOT_FOUND:
    'A module named by package could not be imported; install it or check the name.',
  SB_CORE_VERSION_UNSUPPORTED:
    'A module needs another version of @switchboard/core; upgrade the module or core.',
  SB_DEPENDENCY_MISSING:
    'A module needs another module loaded before it; add that module earlier in the list.',

  // SASL and authentication
  SB_SASL_DUPLICATE_MECHANISM:
    'A mechanism with this name is already registered; pass { override: true } to replace it.',
  SB_SASL_UNKNOWN_MECHANISM: 'No mechanism with this name is registered.',
  SB_SASL_NO_MECHANISM:
    'No offered SASL mechanism can be used; see the trace for why each one was skipped.',
  SB_SASL_FAILURE: 'The server rejected authentication; check the credential.',
  SB_SASL_MALFORMED_CHALLENGE: 'The server sent a SASL challenge that could not be parsed.',
  SB_SASL_SERVER_VERIFICATION_FAILED:
    'The server could not prove it knows the credential; the server may be an impostor.',
  SB_SASL_PROTOCOL: 'The SASL exchange broke protocol rules (unexpected or missing data).',
  SB_SASL_DOWNGRADE:
    'A login downgrade was detected (the offered mechanisms or channel bindings were altered on the way, or a channel-bound login was refused); nothing weaker was tried. Check the network path to the server.',

  // Transport and security
  SB_CONNECTION_FAILED: 'The server could not be reached; check host, port and network.',
  SB_CONNECTION_CLOSED: 'The connection closed unexpectedly.',
  SB_DNS_FAILED:
    'The server of the domain could not be found in DNS (no answer, or no address for it); check the domain, the network and the DNS servers.',
  SB_SERVICE_UNAVAILABLE:
    'The domain states in DNS (an SRV record with the target ".") that it offers no such service; check the domain of the address.',
  SB_TLS_REQUIRED:
    'The server does not offer TLS, so no credential was sent; use a server with TLS or allow insecure loopback explicitly.',
  SB_TLS_FAILED:
    'The TLS handshake failed (certificate or protocol); check the CA and server name.',
  SB_INSECURE_NOT_LOOPBACK:
    'Insecure connections are only allowed to loopback addresses; use TLS for other hosts.',
  SB_TIMEOUT: 'The server did not answer in time.',
  SB_STREAM_ERROR: 'The server closed the XML stream with an error.',
  SB_CONNECTION_LOST:
    'The connection stopped answering (no reply to a keepalive in time) and was closed; the account reconnects if allowed.',
  SB_XML_MALFORMED: 'The server sent XML that could not be parsed; the connection was closed.',
  SB_STANZA_TOO_LARGE:
    'The server sent a stanza larger than the configured limit; the connection was closed.',
  SB_IRC_MALFORMED:
    'The IRC server sent a line that does not follow the protocol (see details.reason); the connection was closed.',
  SB_IRC_NICK_REFUSED:
    'The IRC server refused the nick (erroneous, or in use with every alternative tried); choose another nick (details.reason).',
  SB_IRC_REFUSED:
    'The IRC server refuses this connection (e.g. a ban, 465); see details.text. Reconnecting will not help.',
  SB_IRC_LINE_TOO_LONG:
    'The IRC server sent a line longer than the limit (details.limit bytes); the connection was closed.',

  // Accounts and stanzas
  SB_ACCOUNT_STATE: 'The account is not in a state that allows this operation; connect it first.',
  SB_ACCOUNT_DUPLICATE:
    'An account with this id already exists; remove it first or use another id.',
  SB_ACCOUNT_UNKNOWN: 'No account has this id.',
  SB_ABORTED:
    'The login was given up: the caller aborted its signal, or the account was disconnected.',
  SB_RECONNECT_GAVE_UP:
    'The account stopped reconnecting after its configured number of attempts; call connect() to try again.',
  SB_SEND_ABANDONED:
    'A message was not sent, or not confirmed, because the account was disconnected or failed; details.delivery says whether it may have arrived.',
  SB_ADDRESS_INVALID:
    'An address is not valid for the protocol; nothing was sent. Fix the field named in details.field.',
  SB_CONTENT_INVALID:
    'A message or request holds something the protocol cannot carry (e.g. a character XML forbids, an id already in use); nothing was sent. See details.field.',
  SB_MESSAGE_TOO_LARGE:
    'The message is larger than the server accepts; nothing was sent. Shorten or split it.',
  SB_MESSAGE_REFUSED:
    'The server closed the connection on receiving this message, so it is not sent again; the account went on without it.',
  SB_MESSAGE_BOUNCED:
    'The message could not be delivered: a server returned it with an error (see details.condition).',
  SB_STANZA_ERROR: 'The server or peer answered the request with an error.',
  SB_STANZA_FORGED:
    "An inbound stanza claimed to come from somewhere it cannot have come from (e.g. a message carbon not sent by the account's own server) and was dropped; details.from names the real sender. Nothing else came of it.",
  SB_BAD_RESPONSE: 'The server sent a response that does not follow the protocol.',
  SB_CAPABILITY_UNSUPPORTED:
    "The profile's provider does not support this operation; nothing was sent.",
  SB_WATCH_LIMIT:
    "The server follows at most details.limit addresses' presence for this account; unwatch some first. Nothing was sent.",
  SB_ROOM_JOIN_REFUSED:
    'The room refused this account (details.condition: conflict for a nick in use, password, banned, members-only, full, not-found, …); nothing else was sent to it.',
  SB_ROOM_NOT_JOINED:
    'The operation needs the account to be in the room (details.room); join it first. Nothing was sent.',
  SB_ROOM_REFUSED:
    'The room refused the operation (details.room; details.condition, e.g. forbidden when this account may not change the topic); nothing changed.',
  SB_CAPABILITY_REFUSED: 'The server refused an operation its provider does not allow.',
  SB_EXTENSION_INVALID:
    'An extension cannot be used: another protocol, a duplicate name, a handler the library owns, or one removed already; see details.extension.',
  SB_EXTENSION_FAILED:
    'An extension threw; the session went on without what it was doing. The cause is its exception; fix or remove the extension named in details.extension.',

  // OAuth2 and credentials
  SB_OAUTH_REDIRECT_ERROR: 'The authorization server redirected with an error; see details.error.',
  SB_OAUTH_STATE_MISMATCH:
    'The redirect carries no state or another state than the request; start the authorization again.',
  SB_OAUTH_FAILED: 'The token endpoint could not be used; check the endpoint and the network.',
  SB_OAUTH_GRANT_REVOKED:
    'The grant was revoked or is no longer valid; the user must authorize the app again.',
  SB_REAUTH_REQUIRED: 'The account cannot log in with its tokens; ask the user to authorize again.',
  SB_TOKEN_STORE_FAILED: 'The token store could not be read or written; see the cause.',
  SB_CREDENTIAL_UNAVAILABLE:
    "The account's password provider failed or gave no password; see the cause.",

  // Test kit
  SB_PROSODY_MISSING:
    'Prosody is not installed: run `apt-get install -y prosody prosody-modules` (Debian trixie or newer; on bookworm `-t bookworm-backports`, as scripts/lib/ensure.sh does).',
  SB_PROSODY_FAILED: 'Prosody did not start; see the log excerpt in the error details.',
  SB_PROSODY_UNSUPPORTED:
    'The test server option needs Prosody 13 and prosody-modules: run `apt-get install -y prosody prosody-modules` (on Debian bookworm `-t bookworm-backports`, as scripts/lib/ensure.sh does).',
  SB_ERGO_MISSING:
    'ergo (Debian package ergochat) is not installed: run `apt-get install -y ergochat` (Debian trixie or newer; on bookworm add trixie as an apt source, as scripts/lib/ensure.sh does).',
  SB_ERGO_FAILED:
    'The ergo IRC server did not start or an account could not be registered; see the log excerpt in the error details.',
} as const;

/** A stable error code from the catalogue. */
export type ErrorCode = keyof typeof ErrorCodes;
