import { type Account, type AccountConfig, type StateChange, Switchboard } from '@switchboard/core';
import { type ProsodyServer, startProsody, TokenTable, withProviders } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { messengerModule } from './messengerModule';

const DOMAIN = 'messenger.test';
const TOKENS = { mark: 'bWFyay1pZGxl', mia: 'bWlhLWlkbGU=' } as const;
const IDLE_SECONDS = 1;

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe(`the emulated Messenger idle drop (${IDLE_SECONDS} s without a byte from the client)`, () => {
  let server: ProsodyServer;
  let tokens: TokenTable;
  const switchboard = Switchboard.create({ modules: [xmppModule, messengerModule] });
  const open: Account[] = [];

  beforeAll(async () => {
    tokens = await TokenTable.create();
    server = await startProsody(
      withProviders(
        {
          hosts: [
            {
              domain: DOMAIN,
              users: [
                { username: 'mark', password: 'unused-pw' },
                { username: 'mia', password: 'unused-pw' },
              ],
            },
          ],
        },
        { tokenFile: tokens.file, messenger: { domain: DOMAIN, idleDropSeconds: IDLE_SECONDS } },
      ),
    );
    for (const [user, token] of Object.entries(TOKENS)) {
      await tokens.issue({ token, user, host: DOMAIN });
    }
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((a) => a.disconnect()));
  });
  afterAll(async () => {
    await server?.stop();
    await tokens?.remove();
  });

  function account(user: keyof typeof TOKENS, extra: Partial<AccountConfig>): Account {
    const created = switchboard.createAccount({
      id: `${user}-${Math.random().toString(36).slice(2)}`,
      profile: 'messenger',
      address: `${user}@${DOMAIN}`,
      credential: { kind: 'oauth2', accessToken: TOKENS[user] },
      server: { host: server.host, port: server.port },
      tls: { ca: server.ca },
      reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
      ...extra,
    });
    open.push(created);
    return created;
  }

  /** A peer that never idles out. */
  const mia = (): Account => account('mia', { liveness: { keepaliveMs: 250 } });

  function received(account: Account, prefix: string): string[] {
    const bodies: string[] = [];
    account.on('message', (m) => m.body.startsWith(prefix) && bodies.push(m.body));
    return bodies;
  }

  async function until(check: () => boolean, ms: number, what: string): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`${what} within ${ms} ms`);
      await pause(20);
    }
  }

  it('with keepalives below the limit, the session stays up through three idle periods', async () => {
    const mark = account('mark', { liveness: { keepaliveMs: 250 } });
    const peer = mia();
    await Promise.all([mark.connect(), peer.connect()]);
    const changes: StateChange[] = [];
    mark.on('state', (c) => changes.push(c));
    const bodies = received(mark, 'awake-');

    await pause(IDLE_SECONDS * 3_000 + 500);
    await peer.sendMessage({ to: `mark@${DOMAIN}`, body: 'awake-1' });
    await until(() => bodies.length === 1, 5_000, 'no message');

    expect(changes).toEqual([]);
    expect(mark.state).toBe('online');
  });

  it('without keepalives, the server drops the session and the account comes back with nothing lost', async () => {
    const mark = account('mark', { liveness: false });
    const peer = mia();
    await Promise.all([mark.connect(), peer.connect()]);
    const bodies = received(mark, 'dropped-');
    const dropped = new Promise<StateChange>((resolve) =>
      mark.on('state', (c) => c.to === 'disconnected' && resolve(c)),
    );
    const back = new Promise((resolve) => mark.once('reconnected', resolve));

    const change = await dropped;
    const sent = Array.from({ length: 5 }, (_, i) => `dropped-${i}`);
    for (const body of sent) await peer.sendMessage({ to: `mark@${DOMAIN}`, body });
    await expect(back).resolves.toMatchObject({ attempts: 1, resumed: false });
    await until(() => bodies.length >= sent.length, 5_000, 'not every message arrived');
    await pause(200);

    expect(change.error).toMatchObject({
      code: 'SB_STREAM_ERROR',
      details: { condition: 'connection-timeout' },
    });
    expect(bodies).toEqual(sent);
  });
});
