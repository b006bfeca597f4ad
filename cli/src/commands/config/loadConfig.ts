import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliError } from '../support/CliError';
import { ExitCode } from '../support/ExitCode';
import { type ConfigFile, configFields } from './ConfigFile';
import { isRecord } from './isRecord';
import { jsonErrorAt } from './jsonErrorAt';

const ADD_HINT =
  'Add an account with "switchboard account add <name> --profile jabber --address you@example.org" (see "switchboard account add --help").';

function invalid(file: string, problem: string, details: readonly string[] = []): CliError {
  return new CliError(ExitCode.usage, `${file}: ${problem}`, {
    details,
    hint: 'Fix the file; the format is in the "Config file" section of the switchboard README.',
  });
}

function recordField(
  raw: Record<string, unknown>,
  field: string,
  file: string,
): Record<string, unknown> {
  const value = raw[field];
  if (value === undefined) return {};
  if (!isRecord(value)) throw invalid(file, `"${field}" must be an object.`);
  return value;
}

/**
 * Reads and checks a config file. A missing file is an error (exit 2, saying how to add an
 * account) unless `allowMissing`, which gives an empty config.
 */
export async function loadConfig(
  file: string,
  options: { readonly allowMissing?: boolean } = {},
): Promise<ConfigFile> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      throw new CliError(ExitCode.usage, `Cannot read the config file ${file} (${code}).`, {
        cause: error,
        hint: 'Check its permissions, or point to another file with --config <file>.',
      });
    }
    if (options.allowMissing !== true) {
      throw new CliError(ExitCode.usage, `There is no config file at ${file}.`, {
        hint: `${ADD_HINT} Or point to a file with --config <file>.`,
      });
    }
  }
  let raw: unknown = {};
  if (text !== undefined) {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      const { line, column, reason } = jsonErrorAt(text, error);
      throw invalid(file, `not valid JSON at line ${line}, column ${column} (${reason}).`);
    }
  }
  if (!isRecord(raw)) throw invalid(file, 'the file must hold a JSON object.');
  const unknown = Object.keys(raw).filter((k) => !(configFields as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw invalid(file, `unknown field "${unknown[0]}".`, [
      `Known fields: ${configFields.join(', ')}.`,
    ]);
  }
  const tokenFile = raw.tokenFile ?? 'tokens.json';
  if (typeof tokenFile !== 'string' || tokenFile === '') {
    throw invalid(file, '"tokenFile" must be a file name.');
  }
  return {
    file,
    exists: text !== undefined,
    accounts: recordField(raw, 'accounts', file),
    oauth2: recordField(raw, 'oauth2', file),
    tokenFile: resolve(dirname(file), tokenFile),
    raw,
  };
}
