/**
 * Logins a host controls: a password asked of the host at each login, and a login given up
 * through `connect({ signal })`, on a real Prosody and against a server that never answers.
 */
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { inspect } from 'node:util';
import {
  type Account,
  type AccountConfig,
  type PasswordRequest,
  Switchboard,
} from '@switchboard/core';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { jabberModule } from './jabberModule';

const DOMAIN = 'login.test';
/** Long, so that a login given up cannot pass for one that timed out. */
const TIMEOUT_MS = 20_000;

describe('Logins the host controls, on a real Prosody', () => {
  let server: ProsodyServer;
  const log: string[] = [];
  const switchboard = Switchboard.create({
    modules: [xmppModule, jabberModule],
    stanzaLog: ({ text }) => log.push(text),
  });
  const open: Account[] = [];

  beforeAll(async () => {
    server = await startProsody({
      hosts: [{ domain: DOMAIN, users: [{ username: 'alice', password: 'alice-pw-7' }] }],
    });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((a) => a.disconnect()));
    log.length = 0;
  });
  afterAll(async () => {
    await server?.stop();
  });

  function account(credential: AccountConfig['credential'], extra: Partial<AccountConfig> = {}) {
    const created = switchboard.createAccount({
      id: `alice-${open.length}-${Date.now()}`,
      profile: 'jabber',
      address: `alice@${DOMAIN}`,
      credential,
      server: { host: server.host, port: server.port },
      tls: { ca: server.ca },
      timeoutMs: TIMEOUT_MS,
      ...extra,
    });
    open.push(created);
    return created;
  }

  it('asks the password provider at each login, and logs in with what it gives', async () => {
    const asked: PasswordRequest[] = [];
    const alice = account({
      kind: 'password',
      provide: async (request) => {
        asked.push(request);
        return 'alice-pw-7';
      },
    });
    await alice.connect();
    expect(alice.state).toBe('online');
    await alice.disconnect();
    await alice.connect();
    expect(alice.state).toBe('online');
    expect(asked).toHaveLength(2);
    expect(asked.every(({ address }) => address === `alice@${DOMAIN}`)).toBe(true);
    expect(log.join('')).not.toContain('alice-pw-7');
  });

  it('a wrong provided password is refused by the server, and appears nowhere', async () => {
    const alice = account({ kind: 'password', provide: () => 'not-alice-pw-9' });
    const error = await alice.connect().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'SB_SASL_FAILURE',
      details: { condition: 'not-authorized' },
    });
    expect(alice.state).toBe('failed');
    expect(inspect(error, { depth: 8 })).not.toContain('not-alice-pw-9');
    expect(JSON.stringify(error)).not.toContain('not-alice-pw-9');
    expect(log.join('')).not.toContain('not-alice-pw-9');
  });

  it('a login given up as the server asks for authentication ends offline, and can start again', async () => {
    const alice = account({ kind: 'password', password: 'alice-pw-7' });
    const controller = new AbortController();
    // Give up as soon as TLS is up and SASL starts: the server has the connection.
    alice.once('state', function giveUp({ to }) {
      if (to === 'authenticating') controller.abort(new Error('changed my mind'));
      else alice.once('state', giveUp);
    });
    await expect(alice.connect({ signal: controller.signal })).rejects.toMatchObject({
      code: 'SB_ABORTED',
    });
    expect(alice.state).toBe('offline');
    await alice.connect();
    expect(alice.state).toBe('online');
  });
});

describe('A login given up against a server that never answers', () => {
  let silent: Server;
  const accepted: Socket[] = [];

  beforeAll(async () => {
    silent = createServer((socket) => {
      accepted.push(socket);
      // Read (and ignore) what arrives, so the socket sees the client's end of the connection.
      socket.resume();
    });
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
  });
  afterAll(async () => {
    for (const socket of accepted) socket.destroy();
    silent.close();
  });

  it('rejects with SB_ABORTED and closes the connection, long before the timeout', async () => {
    const switchboard = Switchboard.create({ modules: [xmppModule, jabberModule] });
    const port = (silent.address() as { port: number }).port;
    const alice = switchboard.createAccount({
      profile: 'jabber',
      address: `alice@${DOMAIN}`,
      credential: { kind: 'password', password: 'alice-pw-7' },
      server: { host: '127.0.0.1', port },
      timeoutMs: TIMEOUT_MS,
    });
    const controller = new AbortController();
    const connecting = alice.connect({ signal: controller.signal });
    const settled = connecting.catch((e: unknown) => e);
    // Wait until the server holds the connection, then give up.
    while (accepted.length === 0) await new Promise((r) => setTimeout(r, 10));
    const [socket] = accepted;
    const closed = once(socket as Socket, 'close');
    controller.abort(new Error('user cancelled'));
    await expect(settled).resolves.toMatchObject({ code: 'SB_ABORTED' });
    // The client closed its end: the server sees the connection go, with no timeout involved.
    await closed;
    expect(alice.state).toBe('offline');
  });
});
