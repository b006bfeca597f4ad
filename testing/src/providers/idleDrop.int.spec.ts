import type { ProsodyServer } from '../prosody/ProsodyServer';
import { startProsody } from '../prosody/startProsody';
import { b64, loginAndBind, type Probe } from './saslWire.testkit';
import { TokenTable } from './TokenTable';
import { withProviders } from './withProviders';

const HOST = 'messenger.test';
const TOKEN = 'aWRsZQ==';

/** Resolves with the elapsed ms when the server closes the socket. */
function closed(probe: Probe, since: number): Promise<number> {
  return new Promise((resolve) => {
    if (probe.socket.destroyed) resolve(Date.now() - since);
    probe.socket.once('close', () => resolve(Date.now() - since));
  });
}

describe('mod_sb_messenger_limits idle drop (idleDropSeconds)', () => {
  let tokens: TokenTable;
  let server: ProsodyServer;

  beforeAll(async () => {
    tokens = await TokenTable.create();
    server = await startProsody(
      withProviders(
        { hosts: [{ domain: 'other.test', users: [{ username: 'ann', password: 'pw' }] }] },
        { tokenFile: tokens.file, messenger: { domain: HOST, idleDropSeconds: 1 } },
      ),
    );
    await tokens.issue({ token: TOKEN, user: 'alice', host: HOST });
  });
  afterAll(async () => {
    await server?.stop();
    await tokens?.remove();
  });

  it('when a bound session sends nothing, the server closes it with connection-timeout after ~1 s', async () => {
    const probe = await loginAndBind(server, HOST, 'X-MESSENGER-OAUTH2', TOKEN);
    const start = Date.now();
    const text = await probe.read.until('</stream:stream>', 5000);
    const elapsed = await closed(probe, start);
    expect(text).toMatch(
      /<stream:error><connection-timeout xmlns=['"]urn:ietf:params:xml:ns:xmpp-streams['"]\/>/,
    );
    expect(elapsed).toBeGreaterThanOrEqual(800);
    expect(elapsed).toBeLessThan(3000);
  });

  it('when the client sends whitespace more often than the timeout, the session stays open', async () => {
    const probe = await loginAndBind(server, HOST, 'X-MESSENGER-OAUTH2', TOKEN);
    const start = Date.now();
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 500));
      expect(probe.socket.destroyed).toBe(false);
      probe.socket.write(' ');
    }
    const elapsed = await closed(probe, start);
    expect(elapsed).toBeGreaterThan(2500 + 800);
  });

  it('when a session on another host of the same server idles, it gets whitespace keepalives instead', async () => {
    const probe = await loginAndBind(server, 'other.test', 'PLAIN', b64('\0ann\0pw'));
    const start = Date.now();
    await probe.read.until(' ', 3000);
    const keepaliveAfter = Date.now() - start;
    await new Promise((r) => setTimeout(r, 300));
    const open = !probe.socket.destroyed;
    probe.socket.destroy();
    expect(keepaliveAfter).toBeGreaterThanOrEqual(800);
    expect(open).toBe(true);
  });
});
