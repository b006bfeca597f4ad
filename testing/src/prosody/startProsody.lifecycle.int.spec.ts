import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwitchboardError } from '@switchboard/core';
import { startProsody } from './startProsody';
import { mechanisms, openStream } from './xmppProbe.testkit';

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
      const pid = Number(readFileSync(join(server.dir, 'prosody.pid'), 'utf8'));
      expect(() => process.kill(pid, 0)).not.toThrow();
      await server.stop();
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
