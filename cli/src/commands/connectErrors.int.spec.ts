import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Account, Switchboard } from '@switchboard/core';
import { jabberModule } from '@switchboard/profile-jabber';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { CliProcess, runCli, tempDir, writeConfig } from './cli.testkit';

const DOMAIN = 'example.test';

/** What the commands say when a login fails for a reason the user can fix in the account. */
describe('switchboard connection errors that point at the fix', () => {
  let server: ProsodyServer;
  let dir: string;
  let config: string;
  const env = { ALICE_PASSWORD: 'alice-pw' };

  beforeAll(async () => {
    [server, dir] = await Promise.all([
      startProsody({
        hosts: [{ domain: DOMAIN, users: [{ username: 'alice', password: 'alice-pw' }] }],
      }),
      tempDir(),
    ]);
    await writeFile(join(dir, 'ca.pem'), server.ca);
    const alice = (port: number | undefined, tls?: 'direct' | 'starttls') => ({
      profile: 'jabber',
      address: `alice@${DOMAIN}`,
      passwordEnv: 'ALICE_PASSWORD',
      server: { host: server.host, port, ...(tls === undefined ? {} : { tls }) },
      tls: { caFile: 'ca.pem' },
    });
    config = await writeConfig(dir, {
      accounts: {
        directToStarttls: alice(server.port, 'direct'),
        starttlsToDirect: alice(server.directTlsPort, 'starttls'),
        desk: { ...alice(server.port), resource: 'desk' },
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('when direct TLS meets a STARTTLS port, exits 3 and says to use --tls starttls', async () => {
    const { code, stderr } = await runCli(['roster', 'directToStarttls', '--config', config], {
      env,
    });
    expect(code).toBe(3);
    expect(stderr).toContain(
      `hint: Port ${server.port} answered TLS with plain text: it speaks XMPP first and starts TLS with STARTTLS (usually port 5222). Use --tls starttls of "switchboard account add --force", or accounts.directToStarttls.server.tls in ${config}: "starttls".`,
    );
  });

  it('when STARTTLS meets a direct TLS port, exits 3 and says to use --tls direct', async () => {
    const { code, stderr } = await runCli(['roster', 'starttlsToDirect', '--config', config], {
      env,
    });
    expect(code).toBe(3);
    expect(stderr).toContain(
      `If port ${server.directTlsPort} takes TLS from the first byte (XEP-0368, usually 5223), use --tls direct of "switchboard account add --force", or accounts.starttlsToDirect.server.tls in ${config}: "direct".`,
    );
  });

  it('when another client takes the same resource, the chat ends saying so', async () => {
    const cli = await CliProcess.start(['chat', 'desk', '--config', config], { env });
    let other: Account | undefined;
    try {
      await cli.waitForStdout(/^Connected as alice@example\.test\/desk\./m);
      other = Switchboard.create({ modules: [xmppModule, jabberModule] }).createAccount({
        profile: 'jabber',
        address: `alice@${DOMAIN}`,
        credential: { kind: 'password', password: 'alice-pw' },
        server: { host: server.host, port: server.port },
        tls: { ca: server.ca },
        resource: 'desk',
      });
      await other.connect();
      const { code, stderr } = await cli.exited();
      expect(code).not.toBe(0);
      expect(stderr).toContain('error: The server closed the stream: conflict.');
      expect(stderr).toContain(
        `hint: Another client signed in as this account with the same resource, and the server keeps one of them. Give each its own resource (accounts.desk.resource in ${config}, or --resource of "switchboard account add"), or close the other client.`,
      );
    } finally {
      cli.child.kill('SIGKILL');
      await other?.disconnect();
    }
  });
});
