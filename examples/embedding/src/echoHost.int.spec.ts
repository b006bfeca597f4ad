import { type Account, type InboundMessage, Switchboard } from '@switchboard/core';
import { jabberModule } from '@switchboard/profile-jabber';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { type EchoHost, startEchoHost } from './echoHost';

const DOMAIN = 'embed.test';

describe('the echo host example, on a real Prosody', () => {
  let server: ProsodyServer;
  let host: EchoHost | undefined;
  let peer: Account | undefined;

  beforeAll(async () => {
    server = await startProsody({
      hosts: [
        {
          domain: DOMAIN,
          users: [
            { username: 'echo', password: 'echo-pw' },
            { username: 'echo2', password: 'echo2-pw' },
            { username: 'user', password: 'user-pw' },
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    await host?.stop();
    await peer?.disconnect();
    await server?.stop();
  });

  const jabber = (user: string, password: string) => ({
    id: user,
    profile: 'jabber',
    address: `${user}@${DOMAIN}`,
    credential: { kind: 'password', password },
    server: { host: server.host, port: server.port },
    tls: { ca: server.ca, servername: DOMAIN },
  });

  it('runs several accounts, skips a broken config with its coded error, and echoes messages', async () => {
    const lines: string[] = [];
    host = await startEchoHost({
      accounts: [
        jabber('echo', 'echo-pw'),
        jabber('echo2', 'echo2-pw'),
        { profile: 'jabber', address: `x@${DOMAIN}`, credential: { kind: 'password' } },
        jabber('user', 'wrong-pw'),
      ],
      log: (line) => lines.push(line),
    });
    expect(host.switchboard.accounts.list().map((a) => [a.id, a.state])).toEqual([
      ['echo', 'online'],
      ['echo2', 'online'],
      ['user', 'failed'],
    ]);
    expect(lines).toContain(
      'skipped an account: SB_CONFIG_INVALID: Invalid account config: credential.password is required.',
    );
    expect(lines.some((l) => l.startsWith('user: SB_SASL_FAILURE'))).toBe(true);

    const client = Switchboard.create({ modules: [xmppModule, jabberModule] });
    peer = client.createAccount({ ...jabber('user', 'user-pw'), id: 'peer' } as never);
    await peer.connect();
    const echoes: InboundMessage[] = [];
    const both = new Promise<void>((resolve) =>
      peer?.on('message', (m) => {
        echoes.push(m);
        if (echoes.length === 2) resolve();
      }),
    );
    await peer.sendMessage({ to: `echo@${DOMAIN}`, body: 'one' });
    await peer.sendMessage({ to: `echo2@${DOMAIN}`, body: 'two' });
    await both;
    expect(echoes.map((m) => [m.from.split('/')[0], m.body]).sort()).toEqual([
      [`echo2@${DOMAIN}`, 'echo: two'],
      [`echo@${DOMAIN}`, 'echo: one'],
    ]);
    expect(lines.some((l) => l.startsWith(`echo <- user@${DOMAIN}/`) && l.endsWith(': one'))).toBe(
      true,
    );
  });
});
