import { formatTrace, type SelectionTraceEntry, type SwitchboardError } from '@switchboard/core';
import type { HintFacts } from './HintFacts';

function inConfig(facts: HintFacts, field: string): string {
  const where = facts.configFile === undefined ? 'the config file' : facts.configFile;
  return facts.account === undefined
    ? `${field} in ${where}`
    : `accounts.${facts.account}.${field} in ${where}`;
}

function login(facts: HintFacts): string {
  return `switchboard login ${facts.account ?? '<account>'}`;
}

/**
 * What the user should do about a coded error, in the terms of this command (options, config
 * fields, other commands). Falls back to the catalogue's hint.
 */
export function hintFor(error: SwitchboardError, facts: HintFacts): string {
  switch (error.code) {
    case 'SB_CONNECTION_FAILED':
    case 'SB_TIMEOUT':
      return `Check that the server runs and that host and port are right (${inConfig(facts, 'server')}, or --host/--port of "switchboard account add"), and your network.`;
    case 'SB_TLS_FAILED':
      return `The server's certificate is not trusted or names another host. For a private CA give its PEM file (${inConfig(facts, 'tls.caFile')}, or --ca of "switchboard account add"); if the certificate names another host, set tls.servername.`;
    case 'SB_SASL_FAILURE':
      return `The server refused the credential${facts.account === undefined ? '' : ` of account "${facts.account}"`}: check the address and the password${facts.secretSource === undefined ? '' : ` (from ${facts.secretSource})`}.`;
    case 'SB_SASL_NO_MECHANISM': {
      const trace = error.details.trace as readonly SelectionTraceEntry[] | undefined;
      const why = trace === undefined ? '' : ` Offered by the server: ${formatTrace(trace)}.`;
      return `No login method of the profile fits what the server offers and the credential you have.${why} Check the profile (switchboard profiles) and the account's credentialKind.`;
    }
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
