import type { ProfileDescriptor, Switchboard } from '@switchboard/core';
import { CliError } from '../support/CliError';
import { ExitCode } from '../support/ExitCode';

/**
 * The installed profile with this id.
 * @throws CliError (exit 2) listing the installed profiles.
 */
export function requireProfile(switchboard: Switchboard, id: string): ProfileDescriptor {
  const profiles = switchboard.profiles();
  const found = profiles.find((p) => p.id === id);
  if (found !== undefined) return found;
  throw new CliError(ExitCode.usage, `Unknown profile "${id}".`, {
    details: ['Installed profiles:', ...profiles.map((p) => `  ${p.id.padEnd(10)} ${p.name}`)],
    hint: 'Use one of these ids; "switchboard profiles" shows what each one supports.',
  });
}
