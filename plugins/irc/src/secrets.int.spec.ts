/**
 * Secrets stay secret: with a stanza log on, logins with PLAIN and SCRAM-SHA-256 on a real ergo
 * log `AUTHENTICATE [redacted]` for every payload, and neither the password nor any SASL payload
 * (the PLAIN message, SCRAM proofs and server signatures) shows in the log, in errors and their
 * causes, in events, or in `util.inspect` of the account; a hostile server that echoes the
 * password and the payload back in its failure and ERROR text does not get them shown either.
 */
import { inspect } from 'node:util';
import {
  type Account,
  type AccountEvents,
  ContainerModule,
  ProfilePluginToken,
  type StanzaLogEntry,
  Switchboard,
} from '@switchboard/core';
import {
  type ErgoServer,
  type HostileServer,
  sendData,
  startErgo,
  startHostileServer,
} from '@switchboard/testing';
import { IrcPlugin } from './IrcPlugin';
import { ircModule } from './ircModule';
import { ackCaps, expectOpening, offerCaps, plainExchange } from './test/ircHostileKit';
import { ergoAccount } from './test/ircTestKit';

const PASSWORD = 'Echo-me/irc+secret-42';
const DEEP = { depth: Number.POSITIVE_INFINITY, showHidden: false };

function switchboardWithLog(log: StanzaLogEntry[]): Switchboard {
  const profile = new ContainerModule(({ bind }) => {
    bind(ProfilePluginToken).to(IrcPlugin).inSingletonScope();
  });
  return Switchboard.create({ modules: [ircModule, profile], stanzaLog: (e) => log.push(e) });
}

function recordEvents(account: Account): unknown[][] {
  const events: unknown[][] = [];
  const names: Array<keyof AccountEvents> = [
    'state',
    'online',
    'mechanism',
    'reconnecting',
    'error',
  ];
  for (const name of names) account.on(name, (...args: unknown[]) => events.push([name, ...args]));
  return events;
}

function everything(error: unknown, ...also: unknown[]): string {
  const parts: string[] = also.map((value) => inspect(value, DEEP));
  for (let e = error; e !== undefined && e !== null; e = (e as Error).cause) {
    parts.push(inspect(e, DEEP), String(e), (e as Error).stack ?? '', JSON.stringify(e));
  }
  return parts.join('\n');
}

/** The forms of the password a leak would show. */
function leaks(payload: string): string[] {
  return [PASSWORD, encodeURIComponent(PASSWORD), payload, payload.slice(-16)];
}

describe('IrcPlugin keeps secrets', () => {
  let server: ErgoServer;
  const accounts: Account[] = [];
  const hostile: HostileServer[] = [];

  beforeAll(async () => {
    server = await startErgo({ accounts: [{ name: 'alice', password: PASSWORD }] });
  });
  afterAll(async () => {
    await server.stop();
  });
  afterEach(async () => {
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
    await Promise.all(hostile.splice(0).map((s) => s.stop()));
  });

  it.each(['PLAIN', 'SCRAM-SHA-256'])(
    'when logging in with %s, the log shows AUTHENTICATE [redacted] and no payload',
    async (mechanism) => {
      const log: StanzaLogEntry[] = [];
      const switchboard = switchboardWithLog(log);
      const alice = switchboard.createAccount(
        ergoAccount(server, 'alice', PASSWORD, { mechanisms: [mechanism] }),
      );
      accounts.push(alice);
      const events = recordEvents(alice);
      await alice.connect();
      const authenticate = log.filter((e) => /^(?:@\S+ )?(?::\S+ )?AUTHENTICATE /.test(e.text));
      expect(authenticate.map((e) => `${e.direction} ${e.text}`)).toEqual(
        mechanism === 'PLAIN'
          ? ['out AUTHENTICATE PLAIN', 'in AUTHENTICATE [redacted]', 'out AUTHENTICATE [redacted]']
          : [
              'out AUTHENTICATE SCRAM-SHA-256',
              'in AUTHENTICATE [redacted]',
              'out AUTHENTICATE [redacted]',
              'in AUTHENTICATE [redacted]',
              'out AUTHENTICATE [redacted]',
              'in AUTHENTICATE [redacted]',
              'out AUTHENTICATE [redacted]',
            ],
      );
      const text = log.map((e) => e.text).join('\n');
      const seen = everything(undefined, text, events, alice);
      for (const leak of leaks(Buffer.from(`\0alice\0${PASSWORD}`).toString('base64'))) {
        expect(seen).not.toContain(leak);
      }
      // SCRAM's client-final (c=…,r=…,p=…) and server-final (v=…) are base64 on the wire.
      expect(seen).not.toMatch(/Yz1iaXdz|dj1/);
      expect(seen).not.toMatch(/\bp=[A-Za-z0-9+/]{20,}/);
    },
  );

  it('when the password is wrong, neither the error chain nor events nor the account show it', async () => {
    const log: StanzaLogEntry[] = [];
    const switchboard = switchboardWithLog(log);
    const wrong = `${PASSWORD}-wrong`;
    const alice = switchboard.createAccount(ergoAccount(server, 'alice', wrong));
    accounts.push(alice);
    const events = recordEvents(alice);
    const error = await alice.connect().catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('SB_SASL_FAILURE');
    const seen = everything(error, log, events, alice);
    expect(seen).not.toContain(wrong);
    expect(seen).not.toContain(Buffer.from(`\0alice\0${wrong}`).toString('base64'));
  });

  it('when a hostile server echoes the password and the payload in 904 and ERROR, they are not shown', async () => {
    const log: StanzaLogEntry[] = [];
    const switchboard = switchboardWithLog(log);
    const echo = (kind: string) =>
      sendData(({ match }) => {
        const sent = /AUTHENTICATE (\S+)/.exec(match?.[0] ?? '')?.[1] ?? '';
        return kind === '904'
          ? `:irc.test 904 alice :${PASSWORD} is wrong (you sent ${sent})\r\n`
          : `ERROR :${PASSWORD} ${sent}\r\n`;
      });
    const payload = Buffer.from(`\0alice\0${PASSWORD}`).toString('base64');
    for (const kind of ['904', 'ERROR']) {
      const evil = await startHostileServer({
        script: [
          expectOpening(),
          offerCaps('sasl=PLAIN'),
          ...ackCaps(),
          ...plainExchange(),
          echo(kind),
        ],
      });
      hostile.push(evil);
      const alice = switchboard.createAccount({
        id: `echo-${kind}`,
        profile: 'irc',
        address: 'alice@127.0.0.1',
        credential: { kind: 'password', password: PASSWORD },
        server: { host: evil.host, port: evil.port, tls: 'starttls' },
        allowInsecureLoopback: true,
        mechanisms: ['PLAIN'],
        reconnect: false,
        timeoutMs: 1_000,
      });
      accounts.push(alice);
      const events = recordEvents(alice);
      const error = await alice.connect().catch((e: unknown) => e);
      expect((error as { code?: string }).code).toMatch(/^SB_/);
      const sent = /AUTHENTICATE PLAIN\r\nAUTHENTICATE (\S+)/.exec(evil.received())?.[1];
      expect(Buffer.from(sent ?? '', 'base64').toString()).toContain(PASSWORD);
      expect(sent).toBe(payload);
      const seen = everything(error, log, events, alice);
      expect(seen).not.toContain(PASSWORD);
      expect(seen).not.toContain(payload);
      expect(seen).not.toContain(payload.slice(-16));
    }
  });
});
