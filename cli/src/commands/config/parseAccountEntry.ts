import { dirname, resolve } from 'node:path';
import { SwitchboardError, validateAccountConfig } from '@switchboard/core';
import { CliError } from '../support/CliError';
import { ExitCode } from '../support/ExitCode';
import { type AccountEntry, type CliCredentialKind, credentialKinds } from './AccountEntry';
import { isRecord } from './isRecord';

interface Issue {
  readonly field: string;
  readonly problem: string;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Stands in for the secret while the rest of the entry is validated by core. */
const PLACEHOLDER = { kind: 'password', password: 'placeholder' } as const;

function envField(entry: Record<string, unknown>, field: string, issues: Issue[]) {
  const value = entry[field];
  if (value === undefined) return undefined;
  if (typeof value === 'string' && ENV_NAME.test(value)) return value;
  issues.push({
    field,
    problem: 'expected the name of an environment variable, e.g. ALICE_PASSWORD',
  });
  return undefined;
}

/**
 * Checks one account entry of the config file with core's `validateAccountConfig` (strict: an
 * unknown field is an error) plus the command's own fields (`credentialKind`, `passwordEnv`,
 * `tokenEnv`, `tls.caFile`). A relative `tls.caFile` is read from the config file's folder.
 * @throws CliError (exit 2) listing every problem as `accounts.<name>.<field>: <problem>`.
 */
export function parseAccountEntry(name: string, raw: unknown, configFile: string): AccountEntry {
  const issues: Issue[] = [];
  if (!isRecord(raw)) {
    throw new CliError(ExitCode.usage, `${configFile}: account "${name}" must be an object.`);
  }
  const { credentialKind, passwordEnv: _p, tokenEnv: _t, tls, id, credential, ...rest } = raw;
  if (id !== undefined)
    issues.push({ field: 'id', problem: 'is not used: the entry name is the id' });
  if (credential !== undefined) {
    issues.push({
      field: 'credential',
      problem:
        'secrets do not belong in the config file: use passwordEnv (or tokenEnv), or "switchboard login"',
    });
  }
  if (
    credentialKind !== undefined &&
    !(credentialKinds as readonly unknown[]).includes(credentialKind)
  ) {
    issues.push({ field: 'credentialKind', problem: `expected ${credentialKinds.join(' | ')}` });
  }
  const passwordEnv = envField(raw, 'passwordEnv', issues);
  const tokenEnv = envField(raw, 'tokenEnv', issues);
  let caFile: string | undefined;
  let trust: Record<string, unknown> | undefined;
  if (isRecord(tls)) {
    const { caFile: file, ...others } = tls;
    trust = others;
    if (file !== undefined) {
      if (typeof file !== 'string' || file === '') {
        issues.push({ field: 'tls.caFile', problem: 'expected the path of a PEM file' });
      } else if (others.ca !== undefined) {
        issues.push({ field: 'tls.caFile', problem: 'give tls.ca or tls.caFile, not both' });
      } else {
        caFile = resolve(dirname(configFile), file);
      }
    }
  }
  const settings = { ...rest, ...(tls === undefined ? {} : { tls: trust ?? tls }) };
  try {
    validateAccountConfig({ ...settings, id: name, credential: PLACEHOLDER });
  } catch (error) {
    if (!SwitchboardError.is(error, 'SB_CONFIG_INVALID')) throw error;
    issues.push(...((error.details.issues as Issue[] | undefined) ?? []));
  }
  if (issues.length > 0) {
    const lines = issues.map((i) => `accounts.${name}.${i.field}: ${i.problem}`);
    throw new CliError(
      ExitCode.usage,
      `${configFile}: account "${name}" is invalid: ${lines[0]}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}.`,
      {
        details: issues.length > 1 ? lines : [],
        hint: 'Fix the entry; the fields are in the "Config file" section of the switchboard README.',
      },
    );
  }
  return {
    name,
    settings: settings as AccountEntry['settings'],
    ...(credentialKind === undefined
      ? {}
      : { credentialKind: credentialKind as CliCredentialKind }),
    ...(passwordEnv === undefined ? {} : { passwordEnv }),
    ...(tokenEnv === undefined ? {} : { tokenEnv }),
    ...(caFile === undefined ? {} : { caFile }),
  };
}
