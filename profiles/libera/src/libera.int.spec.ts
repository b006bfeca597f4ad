/**
 * The Libera.Chat profile pointed at a real ergo on loopback (host, port and CA overridden per
 * account): its mechanism order is what decides, not the server's offer nor the registry's
 * priorities. ergo offers PLAIN, EXTERNAL and SCRAM-SHA-256.
 */
import { type Account, type AccountConfig, Switchboard, SwitchboardError } from '@switchboard/core';
import { ircModule } from '@switchboard/irc';
import {
  type ClientCertificate,
  type ErgoServer,
  makeClientCertificate,
  startErgo,
} from '@switchboard/testing';
import { liberaModule } from './liberaModule';

const PASSWORD = 'libera-profile-secret';

describe('the libera profile on a local ergo', () => {
  let server: ErgoServer;
  let cert: ClientCertificate;
  let switchboard: Switchboard;
  const log: Array<{ account: string; direction: string; text: string }> = [];
  const accounts: Account[] = [];
  let created = 0;

  beforeAll(async () => {
    cert = await makeClientCertificate('carol');
    server = await startErgo({
      accounts: [
        { name: 'alice', password: PASSWORD },
        { name: 'carol', password: 'carol-unused-secret', certfp: cert.certfp },
      ],
    });
    switchboard = Switchboard.create({
      modules: [ircModule, liberaModule],
      stanzaLog: (entry) => log.push(entry),
    });
  });
  afterEach(async () => {
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
  });
  afterAll(async () => {
    await server?.stop();
  });

  function account(nick: string, extra: Partial<AccountConfig> = {}): Account {
    const opened = switchboard.createAccount({
      id: `libera-${++created}`,
      profile: 'libera',
      address: `${nick}@libera.chat`,
      credential: { kind: 'password', password: PASSWORD },
      server: { host: server.host, port: server.tlsPort },
      tls: { ca: server.ca },
      reconnect: false,
      ...extra,
    });
    accounts.push(opened);
    return opened;
  }

  const sent = (account: Account): string[] =>
    log.filter((e) => e.account === account.id && e.direction === 'out').map((e) => e.text);

  it('when the account has a password, logs in with PLAIN although the server offers SCRAM-SHA-256', async () => {
    const alice = account('alice');
    const traces: Array<readonly { mechanism: string; outcome: string; reason?: string }[]> = [];
    alice.on('mechanism', (_, trace) => traces.push(trace));
    await alice.connect();

    expect(alice.state).toBe('online');
    expect(sent(alice).filter((line) => line.startsWith('AUTHENTICATE '))[0]).toBe(
      'AUTHENTICATE PLAIN',
    );
    expect(traces[0]).toEqual(
      expect.arrayContaining([
        { mechanism: 'PLAIN', outcome: 'selected' },
        { mechanism: 'SCRAM-SHA-256', outcome: 'skipped', reason: 'not-allowed' },
      ]),
    );
  });

  it('when the account has a client certificate, logs in with EXTERNAL, first in its order', async () => {
    const carol = account('carol', {
      credential: { kind: 'certificate', cert: cert.cert, key: cert.key },
    });
    const mechanisms: string[] = [];
    carol.on('mechanism', (name) => mechanisms.push(name));
    await carol.connect();
    expect(mechanisms).toEqual(['EXTERNAL']);
    expect(sent(carol).filter((line) => line.startsWith('AUTHENTICATE '))[0]).toBe(
      'AUTHENTICATE EXTERNAL',
    );
  });

  it('when the account asks for SCRAM-SHA-256, which Libera does not offer, fails before authenticating', async () => {
    const alice = account('alice', { mechanisms: ['SCRAM-SHA-256'] });
    const error = await alice.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(SwitchboardError.is(error, 'SB_SASL_NO_MECHANISM')).toBe(true);
    expect(sent(alice).filter((line) => line.startsWith('AUTHENTICATE'))).toEqual([]);
    expect(sent(alice).join('\n')).not.toContain(PASSWORD);
  });
});
