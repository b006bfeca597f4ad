import { SwitchboardError } from '@switchboard/core';
import { prosodyMissing } from './prosodyMissing';
import { runCommand } from './runCommand';

/**
 * Registers `username@domain` with `prosodyctl --config FILE register`. Works before the server
 * starts and while it runs (the internal storage is read from disk at login).
 */
export async function registerUser(
  prosodyctl: string,
  configFile: string,
  domain: string,
  username: string,
  password: string,
): Promise<void> {
  const args = ['--config', configFile, 'register', username, domain, password];
  const result = await runCommand(prosodyctl, args).catch((cause: unknown) => {
    throw prosodyMissing(prosodyctl, cause);
  });
  if (result.code !== 0) {
    // prosodyctl does not echo the password; the output is safe to attach.
    throw new SwitchboardError(
      'SB_PROSODY_FAILED',
      `prosodyctl could not register ${username}@${domain}; check the domain is one of the hosts.`,
      { details: { log: `${result.stdout}${result.stderr}`.trim().slice(-2000) } },
    );
  }
}
