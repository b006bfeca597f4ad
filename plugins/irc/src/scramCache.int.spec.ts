import type { Account, Switchboard } from '@switchboard/core';
import { type ErgoServer, startErgo } from '@switchboard/testing';
import { ergoAccount, ircSwitchboard } from './test/ircTestKit';

/** Counts PBKDF2 runs in this process: WebCrypto's deriveBits, which only SCRAM calls. */
function countPbkdf2() {
  const spy = jest.spyOn(globalThis.crypto.subtle, 'deriveBits');
  return {
    get calls(): number {
      return spy.mock.calls.length;
    },
    restore: () => spy.mockRestore(),
  };
}

describe('SCRAM-SHA-256 key cache on ergo', () => {
  let server: ErgoServer;
  let switchboard: Switchboard;
  let alice: Account;
  let pbkdf2: ReturnType<typeof countPbkdf2>;

  beforeAll(async () => {
    server = await startErgo({ accounts: [{ name: 'alice', password: 'alice-secret-1' }] });
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    switchboard = ircSwitchboard();
    pbkdf2 = countPbkdf2();
  });
  afterEach(async () => {
    pbkdf2.restore();
    await alice.disconnect();
  });

  it('when the account logs in again, reuses the keys (no PBKDF2) and the server accepts them', async () => {
    alice = switchboard.createAccount(
      ergoAccount(server, 'alice', 'alice-secret-1', { mechanisms: ['SCRAM-SHA-256'] }),
    );
    const mechanisms: string[] = [];
    alice.on('mechanism', (name) => mechanisms.push(name));
    await alice.connect();
    expect(pbkdf2.calls).toBe(1);
    await alice.disconnect();
    await alice.connect();
    expect(alice.state).toBe('online');
    expect(pbkdf2.calls).toBe(1);
    expect(mechanisms).toEqual(['SCRAM-SHA-256', 'SCRAM-SHA-256']);
  });

  it('when the account signed out, derives the keys again', async () => {
    alice = switchboard.createAccount(
      ergoAccount(server, 'alice', 'alice-secret-1', { mechanisms: ['SCRAM-SHA-256'] }),
    );
    await alice.connect();
    await alice.disconnect({ signOut: true });
    await alice.connect();
    expect(alice.state).toBe('online');
    expect(pbkdf2.calls).toBe(2);
  });
});
