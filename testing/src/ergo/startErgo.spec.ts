import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwitchboardError } from '@switchboard/core';
import { startErgo } from './startErgo';

async function failure(promise: Promise<unknown>): Promise<SwitchboardError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!SwitchboardError.is(error)) throw new Error(`expected a SwitchboardError, got ${error}`);
  return error;
}

describe(startErgo, () => {
  it('when the binary does not exist, fails with SB_ERGO_MISSING and the install command', async () => {
    const error = await failure(startErgo({ ergoBinary: '/nonexistent/ergochat' }));
    expect(error.code).toBe('SB_ERGO_MISSING');
    expect(error.message).toContain('apt-get install -y ergochat');
    expect(error.details.binary).toBe('/nonexistent/ergochat');
  });

  it('when the binary is not on PATH, fails with SB_ERGO_MISSING', async () => {
    const error = await failure(startErgo({ ergoBinary: 'switchboard-no-such-ergo' }));
    expect(error.code).toBe('SB_ERGO_MISSING');
  });

  it('when the binary exits at once, fails with SB_ERGO_FAILED and its output', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-fake-ergo-'));
    try {
      const fake = join(dir, 'ergochat');
      await writeFile(fake, '#!/bin/sh\necho "config file is broken" >&2\nexit 3\n');
      await chmod(fake, 0o755);
      const error = await failure(startErgo({ ergoBinary: fake }));
      expect(error.code).toBe('SB_ERGO_FAILED');
      expect(error.details.reason).toBe('exited');
      expect(error.details.log).toContain('config file is broken');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when an account name is not a nick, fails with SB_CONFIG_INVALID before starting', async () => {
    const error = await failure(
      startErgo({
        ergoBinary: '/nonexistent/ergochat',
        accounts: [{ name: 'no spaces', password: 'secret-pw' }],
      }),
    );
    expect(error.code).toBe('SB_CONFIG_INVALID');
    expect(error.message).not.toContain('secret-pw');
  });
});
