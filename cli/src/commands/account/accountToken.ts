import { text } from 'node:stream/consumers';
import type { TokenSet } from '@switchboard/core';
import { loadAccountEntry } from '../connect/loadAccountEntry';
import { credentialKindOf } from '../credentials/credentialKindOf';
import { tokenSummary } from '../login/tokenSummary';
import { CliError } from '../support/CliError';
import { ExitCode } from '../support/ExitCode';
import type { RunContext } from '../support/RunContext';

/** The options of `switchboard account token`. */
export interface TokenOptions {
  readonly accessTokenEnv?: string;
  readonly refreshTokenEnv?: string;
  readonly expiresIn?: number;
  readonly scope?: string;
}

/** Where the tokens come from: the named variables, else stdin (access token, refresh token). */
export interface TokenInput {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: () => Promise<string>;
}

const processInput: TokenInput = { env: process.env, stdin: () => text(process.stdin) };

function fromEnv(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const value = env[name]?.trim();
  if (value === undefined || value === '') {
    throw new CliError(ExitCode.usage, `$${name} is not set: it should hold the ${what}.`, {
      hint: `export ${name}=… first, or pipe the tokens into the command (see --help).`,
    });
  }
  return value;
}

async function readTokens(
  options: TokenOptions,
  input: TokenInput,
): Promise<{ accessToken: string; refreshToken?: string }> {
  if (options.accessTokenEnv !== undefined) {
    const accessToken = fromEnv(input.env, options.accessTokenEnv, 'access token');
    return options.refreshTokenEnv === undefined
      ? { accessToken }
      : { accessToken, refreshToken: fromEnv(input.env, options.refreshTokenEnv, 'refresh token') };
  }
  const [accessToken = '', refreshLine = ''] = (await input.stdin())
    .split(/\r?\n/)
    .map((line) => line.trim());
  if (accessToken === '') {
    throw new CliError(ExitCode.usage, 'No access token: stdin was empty.', {
      hint: 'Pipe it in (first line: the access token, second line: a refresh token if you have one), or name a variable with --access-token-env.',
    });
  }
  const refreshToken =
    options.refreshTokenEnv === undefined
      ? refreshLine
      : fromEnv(input.env, options.refreshTokenEnv, 'refresh token');
  return refreshToken === '' ? { accessToken } : { accessToken, refreshToken };
}

/**
 * `switchboard account token <name>`: stores OAuth2 tokens the user already has for an OAuth2
 * account, through the token store (the same file `switchboard login` writes). The tokens come
 * from environment variables or stdin, never from the command line (which `ps` shows).
 */
export async function accountToken(
  context: RunContext,
  name: string,
  options: TokenOptions,
  input: TokenInput = processInput,
): Promise<undefined> {
  const { config, entry, switchboard, profile } = await loadAccountEntry(context, name);
  if (credentialKindOf(entry, profile) !== 'oauth2') {
    throw new CliError(ExitCode.usage, `Account "${name}" does not log in with OAuth2 tokens.`, {
      hint: `Only OAuth2 accounts keep tokens (profile ${profile.id} takes: ${profile.credentialKinds.join(', ')}; set accounts.${name}.credentialKind to "oauth2" if it should).`,
    });
  }
  const { accessToken, refreshToken } = await readTokens(options, input);
  const tokens: TokenSet = {
    accessToken,
    tokenType: 'Bearer',
    ...(refreshToken === undefined ? {} : { refreshToken }),
    ...(options.expiresIn === undefined
      ? {}
      : { expiresAt: Date.now() + options.expiresIn * 1000 }),
    ...(options.scope === undefined ? {} : { scope: options.scope }),
  };
  await switchboard.credentials.save(name, tokens);
  context.note(`Stored the tokens of "${name}" in ${config.tokenFile} (readable by you only).`);
  context.note(tokenSummary(tokens));
  return undefined;
}
