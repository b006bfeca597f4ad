import { resolve } from 'node:path';
import { CliError } from '../support/CliError';
import { ExitCode } from '../support/ExitCode';

/** The options of `switchboard account add`. */
export interface AddOptions {
  readonly profile: string;
  readonly address: string;
  readonly host?: string;
  readonly port?: number;
  readonly tls?: 'starttls' | 'direct';
  readonly ca?: string;
  readonly servername?: string;
  readonly credential?: string;
  readonly passwordEnv?: string;
  readonly tokenEnv?: string;
  readonly param?: readonly string[];
  readonly resource?: string;
  readonly force?: boolean;
}

function parameters(pairs: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      throw new CliError(ExitCode.usage, `--param ${pair}: expected name=value.`, {
        hint: 'For Facebook, e.g. --param apiKey=123456789 (the app id).',
      });
    }
    result[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return result;
}

/**
 * The config file entry for `account add`'s options, as JSON: only what was given, the CA file
 * as an absolute path (relative to where the command runs).
 */
export function buildEntry(
  options: AddOptions,
  cwd: string = process.cwd(),
): Record<string, unknown> {
  const server = {
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.tls === undefined ? {} : { tls: options.tls }),
  };
  const tls = {
    ...(options.ca === undefined ? {} : { caFile: resolve(cwd, options.ca) }),
    ...(options.servername === undefined ? {} : { servername: options.servername }),
  };
  const params = parameters(options.param ?? []);
  return {
    profile: options.profile,
    address: options.address,
    ...(Object.keys(server).length === 0 ? {} : { server }),
    ...(Object.keys(tls).length === 0 ? {} : { tls }),
    ...(options.credential === undefined ? {} : { credentialKind: options.credential }),
    ...(options.passwordEnv === undefined ? {} : { passwordEnv: options.passwordEnv }),
    ...(options.tokenEnv === undefined ? {} : { tokenEnv: options.tokenEnv }),
    ...(Object.keys(params).length === 0 ? {} : { parameters: params }),
    ...(options.resource === undefined ? {} : { resource: options.resource }),
  };
}
