import { SwitchboardError } from '@switchboard/core';
import { CliError } from './CliError';
import { ExitCode } from './ExitCode';
import { exitCodeFor } from './exitCodeFor';

describe(exitCodeFor, () => {
  it.each([
    ['SB_CONFIG_INVALID', 2],
    ['SB_PROFILE_UNKNOWN', 2],
    ['SB_CONNECTION_FAILED', 3],
    ['SB_TLS_FAILED', 3],
    ['SB_TIMEOUT', 3],
    ['SB_SASL_FAILURE', 4],
    ['SB_REAUTH_REQUIRED', 4],
    ['SB_OAUTH_GRANT_REVOKED', 4],
    ['SB_CAPABILITY_UNSUPPORTED', 5],
    ['SB_CAPABILITY_REFUSED', 5],
    ['SB_STANZA_ERROR', 1],
  ] as const)('when the error is %s, exits with %i', (code, exit) => {
    expect(exitCodeFor(new SwitchboardError(code))).toBe(exit);
  });

  it('when the error is the command’s own, uses its exit code', () => {
    expect(exitCodeFor(new CliError(ExitCode.auth, 'no password'))).toBe(4);
  });

  it('when the error is anything else, exits with 1', () => {
    expect(exitCodeFor(new TypeError('bug'))).toBe(1);
    expect(exitCodeFor('thrown text')).toBe(1);
  });
});
