import type { SwitchboardError } from '@switchboard/core';
import type { HintFacts } from './HintFacts';

function inConfig(facts: HintFacts, field: string): string {
  const where = facts.configFile === undefined ? 'the config file' : facts.configFile;
  return facts.account === undefined
    ? `${field} in ${where}`
    : `accounts.${facts.account}.${field} in ${where}`;
}

/** OpenSSL's words for a TLS handshake that got plain text back: the port speaks XMPP first. */
const PLAIN_TEXT_REPLY = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
]);

function useTls(facts: HintFacts, mode: 'starttls' | 'direct'): string {
  return `--tls ${mode} of "switchboard account add --force", or ${inConfig(facts, 'server.tls')}: "${mode}"`;
}

/** A TLS-mode mismatch, when a login failed in a way that looks like one. */
function tlsMismatch(error: SwitchboardError, facts: HintFacts): string | undefined {
  if (facts.online === true) return undefined;
  const port = facts.port === undefined ? 'The port' : `Port ${facts.port}`;
  if (
    facts.tls === 'direct' &&
    error.code === 'SB_TLS_FAILED' &&
    PLAIN_TEXT_REPLY.has(String(error.details.code))
  ) {
    return `${port} answered TLS with plain text: it speaks XMPP first and starts TLS with STARTTLS (usually port 5222). Use ${useTls(facts, 'starttls')}.`;
  }
  const dropped =
    (error.code === 'SB_CONNECTION_FAILED' && error.details.code === 'ECONNRESET') ||
    error.code === 'SB_CONNECTION_CLOSED' ||
    error.code === 'SB_XML_MALFORMED';
  if (facts.tls !== 'direct' && dropped) {
    return `The server dropped the connection at the first XMPP bytes. If ${port.toLowerCase()} takes TLS from the first byte (XEP-0368, usually 5223), use ${useTls(facts, 'direct')}.`;
  }
  return undefined;
}

function resourceConflict(facts: HintFacts): string {
  return `Another client signed in as this account with the same resource, and the server keeps one of them. Give each its own resource (${inConfig(facts, 'resource')}, or --resource of "switchboard account add"), or close the other client.`;
}

function login(facts: HintFacts): string {
  return `switchboard login ${facts.account ?? '<account>'}`;
}

/**
 * What the user should do about a coded error, in the terms of this command (options, config
 * fields, other commands). Falls back to the catalogue's hint.
 */
export function hintFor(error: SwitchboardError, facts: HintFacts): string {
  const mismatch = tlsMismatch(error, facts);
  if (mismatch !== undefined) return mismatch;
  if (error.details.condition === 'conflict') return resourceConflict(facts);
  switch (error.code) {
    case 'SB_CONNECTION_FAILED':
    case 'SB_TIMEOUT':
      return `Check that the server runs and that host and port are right (${inConfig(facts, 'server')}, or --host/--port of "switchboard account add"), and your network.`;
    case 'SB_TLS_FAILED':
      return `The server's certificate is not trusted or names another host. For a private CA give its PEM file (${inConfig(facts, 'tls.caFile')}, or --ca of "switchboard account add"); if the certificate names another host, set tls.servername.`;
    case 'SB_SASL_FAILURE':
      return `The server refused the credential${facts.account === undefined ? '' : ` of account "${facts.account}"`}: check the address and the password${facts.secretSource === undefined ? '' : ` (from ${facts.secretSource})`}.`;
    case 'SB_SASL_NO_MECHANISM':
      // The message names the account's credential kind and the mechanisms on each side.
      return `Give the account a credential the server takes: its credential kind is ${inConfig(facts, 'credentialKind')} (--credential of "switchboard account add"); an oauth2 account signs in with ${login(facts)}. "switchboard profiles" shows what each profile takes.`;
    case 'SB_REAUTH_REQUIRED':
    case 'SB_OAUTH_GRANT_REVOKED':
      return `Sign in again: ${login(facts)}`;
    case 'SB_OAUTH_REDIRECT_ERROR':
    case 'SB_OAUTH_STATE_MISMATCH':
      return `The sign-in did not complete; run ${login(facts)} again and approve the request in the browser.`;
    case 'SB_CAPABILITY_UNSUPPORTED':
    case 'SB_CAPABILITY_REFUSED':
      return `${error.hint} "switchboard profiles" shows what each profile supports.`;
    case 'SB_PROFILE_UNKNOWN':
      return 'Run "switchboard profiles" for the installed profiles.';
    case 'SB_TOKEN_STORE_FAILED':
      return 'Check that the token file and its folder are readable and writable by you (tokenFile in the config file).';
    default:
      return error.hint;
  }
}
