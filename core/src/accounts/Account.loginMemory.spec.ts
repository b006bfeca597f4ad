import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { CredentialService } from '../credentials/CredentialService';
import type { FastToken } from '../credentials/LoginMemory';
import { MemoryTokenStore } from '../credentials/MemoryTokenStore';
import type { TokenStore } from '../credentials/TokenStore';
import { SwitchboardError } from '../errors/SwitchboardError';
import { FileTokenStore } from '../node/FileTokenStore';
import type { ProtocolSession, SessionRequest } from '../plugins/ProtocolPlugin';
import { Account } from './Account';
import { FakePlugin, fakeConfig } from './fakePlugin.testkit';

const TOKEN = 'secret-token:fast-NEVER-SHOWN-1';
const ROTATED = 'secret-token:fast-NEVER-SHOWN-2';
const KEY = { server: 'fake', username: 'me', hash: 'SHA-256', salt: 'c2FsdA==', iterations: 4096 };
const KEYS = { clientKey: new Uint8Array(32).fill(1), serverKey: new Uint8Array(32).fill(2) };

/** A plugin that logs in the way a FAST client does: reads the token, then saves a new one. */
class FastPlugin extends FakePlugin {
  seen: Array<{ token: FastToken | undefined; agent: string }> = [];
  issue: FastToken | undefined = { mechanism: 'HT-SHA-256-EXPR', token: TOKEN };
  /** Thrown after the token was read: a server echoing the token in its failure. */
  echo = false;

  override async open(request: SessionRequest): Promise<ProtocolSession> {
    const memory = request.memory;
    if (memory === undefined) throw new Error('no memory in the request');
    const token = await memory.fastToken();
    this.seen.push({ token, agent: await memory.userAgentId() });
    if (this.issue !== undefined) await memory.saveFastToken(this.issue);
    if (this.echo) {
      throw new SwitchboardError(
        'SB_SASL_FAILURE',
        `refused ${token?.token} and ${this.issue?.token}`,
        {
          details: { condition: 'not-authorized', text: `${token?.token}` },
        },
      );
    }
    await memory.scramKeys.set(KEY, 's3cret', KEYS);
    return super.open(request);
  }
}

function accountOn(store: TokenStore, plugin: FakePlugin): Account {
  return new Account({ ...fakeConfig, id: 'acct' }, plugin, {
    credentials: new CredentialService(store),
  });
}

describe('Account login memory', () => {
  it('hands the plugin a memory in every login, with one user-agent id kept in the store', async () => {
    const store = new MemoryTokenStore();
    const plugin = new FastPlugin('ok');
    const account = accountOn(store, plugin);
    await account.connect();
    await account.disconnect();
    await account.connect();
    await account.disconnect();
    const [first, second] = plugin.seen;
    expect(first?.agent).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.agent).toBe(first?.agent);
    expect((await store.get('acct#login'))?.extra?.userAgentId).toBe(first?.agent);
    // Another Account object on the same store (a restart) keeps the id.
    const again = new FastPlugin('ok');
    await accountOn(store, again).connect();
    expect(again.seen[0]?.agent).toBe(first?.agent);
  });

  it('keeps the FAST token the server issued for the next login, and the one after a rotation', async () => {
    const plugin = new FastPlugin('ok');
    const account = accountOn(new MemoryTokenStore(), plugin);
    await account.connect();
    await account.disconnect();
    plugin.issue = { mechanism: 'HT-SHA-256-EXPR', token: ROTATED };
    await account.connect();
    await account.disconnect();
    await account.connect();
    expect(plugin.seen.map((s) => s.token?.token)).toEqual([undefined, TOKEN, ROTATED]);
    expect(plugin.seen[1]?.token?.mechanism).toBe('HT-SHA-256-EXPR');
  });

  it('keeps the token across restarts in the file store, under <id>#login, not as an account', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-login-memory-'));
    try {
      const file = join(dir, 'tokens.json');
      const first = new FastPlugin('ok');
      await accountOn(new FileTokenStore(file), first).connect();
      const second = new FastPlugin('ok');
      second.issue = undefined;
      await accountOn(new FileTokenStore(file), second).connect();
      expect(second.seen[0]?.token?.token).toBe(TOKEN);
      expect(second.seen[0]?.agent).toBe(first.seen[0]?.agent);
      const contents = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      expect(Object.keys(contents)).toEqual(['acct#login']);
      expect(contents['acct#login']).toMatchObject({ tokenType: 'fast', accessToken: TOKEN });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when the token expired, the next login gets none', async () => {
    const plugin = new FastPlugin('ok');
    plugin.issue = { mechanism: 'HT-SHA-256-NONE', token: TOKEN, expiresAt: Date.now() - 1 };
    const account = accountOn(new MemoryTokenStore(), plugin);
    await account.connect();
    await account.disconnect();
    await account.connect();
    expect(plugin.seen[1]?.token).toBeUndefined();
  });

  it('when signing out, forgets the token and the SCRAM keys but keeps the user-agent id', async () => {
    const store = new MemoryTokenStore();
    const plugin = new FastPlugin('ok');
    const account = accountOn(store, plugin);
    await account.connect();
    const memory = plugin.opens[0]?.request.memory;
    expect(await memory?.scramKeys.get(KEY, 's3cret')).toEqual(KEYS);
    await account.disconnect({ signOut: true });
    expect(account.state).toBe('offline');
    expect(await memory?.scramKeys.get(KEY, 's3cret')).toBeUndefined();
    expect(await memory?.fastToken()).toBeUndefined();
    expect(JSON.stringify(await store.get('acct#login'))).not.toContain(TOKEN);
    plugin.issue = undefined;
    await account.connect();
    expect(plugin.seen[1]).toEqual({ token: undefined, agent: plugin.seen[0]?.agent });
  });

  it('when disconnecting without signing out, keeps both', async () => {
    const plugin = new FastPlugin('ok');
    const account = accountOn(new MemoryTokenStore(), plugin);
    await account.connect();
    await account.disconnect();
    const memory = plugin.opens[0]?.request.memory;
    expect(await memory?.scramKeys.get(KEY, 's3cret')).toEqual(KEYS);
    expect((await memory?.fastToken())?.token).toBe(TOKEN);
  });

  it('never shows the token: not in util.inspect of the account or the memory, nor in errors', async () => {
    const store = new MemoryTokenStore();
    const plugin = new FastPlugin('ok');
    const account = accountOn(store, plugin);
    await account.connect();
    await account.disconnect();
    const memory = plugin.opens[0]?.request.memory;
    const deep = { depth: Number.POSITIVE_INFINITY };
    for (const shown of [inspect(account, deep), inspect(memory, deep), JSON.stringify(account)]) {
      expect(shown).not.toContain('NEVER-SHOWN');
    }
    // A server that echoes the token it was given, and the new one, in its refusal.
    plugin.echo = true;
    plugin.issue = { mechanism: 'HT-SHA-256-EXPR', token: ROTATED };
    const error = await account.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(SwitchboardError.is(error, 'SB_SASL_FAILURE')).toBe(true);
    const text = [inspect(error, deep), JSON.stringify((error as SwitchboardError).details)];
    for (const shown of text) expect(shown).not.toContain('NEVER-SHOWN');
    expect((error as Error).message).toContain('refused');
  });
});
