import type { OAuth2Settings } from '@switchboard/core';
import { CliError } from '../support/CliError';
import { ExitCode } from '../support/ExitCode';
import { isRecord } from './isRecord';

const STRING_FIELDS = [
  'clientId',
  'authorizationEndpoint',
  'tokenEndpoint',
  'redirectUri',
] as const;
const FIELDS = [...STRING_FIELDS, 'clientSecretEnv', 'scopes', 'authorizeParameters'];

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

/**
 * The OAuth2 client of one profile from the config file's `oauth2.<profile>`: `clientId`
 * (required), optional endpoint and scope overrides, and `clientSecretEnv`, the environment
 * variable holding a client secret for the rare provider that wants one (never the secret itself).
 * @throws CliError (exit 2) naming the field.
 */
export function parseOAuth2Entry(
  profile: string,
  raw: unknown,
  configFile: string,
  env: NodeJS.ProcessEnv = process.env,
): OAuth2Settings {
  const problem = (field: string, what: string): CliError =>
    new CliError(ExitCode.usage, `${configFile}: oauth2.${profile}${field} ${what}.`, {
      hint: `The entry looks like "oauth2": { "${profile}": { "clientId": "<your app's client id>" } }.`,
    });
  if (!isRecord(raw)) throw problem('', 'must be an object');
  for (const key of Object.keys(raw)) {
    if (!FIELDS.includes(key)) throw problem(`.${key}`, 'is not a known field');
  }
  for (const field of STRING_FIELDS) {
    const value = raw[field];
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw problem(`.${field}`, 'must be a non-empty string');
    }
  }
  if (raw.clientId === undefined) throw problem('.clientId', 'is required');
  if (raw.scopes !== undefined && !isStringList(raw.scopes)) {
    throw problem('.scopes', 'must be a list of strings');
  }
  if (raw.authorizeParameters !== undefined && !isStringRecord(raw.authorizeParameters)) {
    throw problem('.authorizeParameters', 'must map names to strings');
  }
  const { clientSecretEnv, ...settings } = raw;
  let clientSecret: string | undefined;
  if (clientSecretEnv !== undefined) {
    if (typeof clientSecretEnv !== 'string' || clientSecretEnv === '') {
      throw problem('.clientSecretEnv', 'must name an environment variable');
    }
    clientSecret = env[clientSecretEnv];
    if (clientSecret === undefined || clientSecret === '') {
      throw new CliError(
        ExitCode.auth,
        `The OAuth2 client secret of profile ${profile} is not set: ${clientSecretEnv} is empty.`,
        { hint: `Set ${clientSecretEnv} (named by oauth2.${profile}.clientSecretEnv).` },
      );
    }
  }
  return {
    ...(settings as unknown as OAuth2Settings),
    ...(clientSecret === undefined ? {} : { clientSecret }),
  };
}
