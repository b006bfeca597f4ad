import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwitchboardError } from '@switchboard/core';
import { startProsody } from './startProsody';
import { mechanisms, openStream } from './xmppProbe.testkit';

/** The pid in `file`, once it has been written (within 5 s). */
async function pidOf(file: string): Promise<number> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const pid = Number.parseInt(existsSync(file) ? readFileSync(file, 'utf8') : '', 10);
    if (pid > 0) return pid;
    if (Date.now() > deadline) throw new Error(`${file} was not written within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe(startProsody, () => {
  describe("with tls: 'none'", () => {
    it('offers no STARTTLS but PLAIN in the clear, and has no certificates', async () => {
      const server = await startProsody({ tls: 'none' });
      try {
        const probe = await openStream(server.host, server.port, 'example.test');
        probe.socket.destroy();
        expect(probe.features).not.toContain('starttls');
        expect(mechanisms(probe.features).sort()).toEqual([
          'PLAIN',
          'SCRAM-SHA-1',
          'SCRAM-SHA-256',
        ]);
        expect(server.ca).toBe('');
        expect(server.directTlsPort).toBeUndefined();
        expect(readdirSync(join(server.dir, 'certs'))).toEqual([]);
      } finally {
        await server.stop();
      }
    });
  });

  describe('lifecycle and errors', () => {
    it('when stopped, the process is gone and its directory removed; stop is idempotent', async () => {
      const server = await startProsody();
      let pid: number;
      try {
        // Prosody writes its pidfile a moment after its ports open.
        pid = await pidOf(join(server.dir, 'prosody.pid'));
        expect(() => process.kill(pid, 0)).not.toThrow();
      } finally {
        await server.stop();
      }
      await server.stop();
      expect(existsSync(server.dir)).toBe(false);
      expect(() => process.kill(pid, 0)).toThrow();
      // No check that the port refuses connections: in a parallel run another worker's server may
      // already have been given the freed port.
      await expect(server.restart()).rejects.toMatchObject({ code: 'SB_PROSODY_FAILED' });
    });

    it('when prosody is not on PATH, fails with SB_PROSODY_MISSING naming the Debian package', async () => {
      const empty = await mkdtemp(join(tmpdir(), 'switchboard-empty-'));
      const path = process.env.PATH;
      process.env.PATH = empty;
      try {
        const error = await startProsody().catch((e: unknown) => e);
        expect(SwitchboardError.is(error, 'SB_PROSODY_MISSING')).toBe(true);
        expect((error as Error).message).toContain('apt-get install -y prosody');
      } finally {
        process.env.PATH = path;
        await rm(empty, { recursive: true, force: true });
      }
    });

    it.each([
      ['prosodyBinary', { prosodyBinary: '/nonexistent/prosody' }],
      ['prosodyctlBinary', { prosodyctlBinary: '/nonexistent/prosodyctl' }],
    ])('when %s points to nothing, fails with SB_PROSODY_MISSING', async (_, options) => {
      const error = await startProsody(options).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'SB_PROSODY_MISSING',
        details: { binary: expect.stringContaining('/nonexistent/') },
      });
    });

    it('when the configuration is broken, fails with SB_PROSODY_FAILED and the parse error', async () => {
      const error = await startProsody({ extraConfig: 'this is not lua (' }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'SB_PROSODY_FAILED', details: { reason: 'exited' } });
      expect((error as SwitchboardError).details.log).toMatch(
        /prosody\.cfg\.lua:\d+: syntax error/,
      );
      const dir = String((error as SwitchboardError).details.config).replace(/\/[^/]+$/, '');
      expect(existsSync(dir)).toBe(false);
    });
  });
});
