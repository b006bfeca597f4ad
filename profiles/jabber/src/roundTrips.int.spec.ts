/**
 * Round trips of a login, counted on the wire: each login runs through a wire tap that adds
 * 10 ms each way, so the client's flights separate cleanly, and the count is taken from what
 * the tap recorded until the account was online (see `countRoundTrips` in @switchboard/testing
 * for what counts). docs/performance.md ("Round trips per login") lists what each one is.
 */
import { type AccountConfig, Switchboard } from '@switchboard/core';
import {
  clientFlights,
  type Flight,
  type ProsodyServer,
  startProsody,
  startWireTap,
} from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { jabberModule } from './jabberModule';

const DOMAIN = 'trips.test';
const USER = { username: 'tess', password: 'tess-pw' };
const DELAY_MS = 10;

/** Logs `config`'s account in through a delayed tap to `port`; the flights until online. */
async function flightsOfLogin(
  switchboard: Switchboard,
  server: ProsodyServer,
  port: number,
  config: Partial<AccountConfig>,
): Promise<Flight[]> {
  const tap = await startWireTap({ targetHost: server.host, targetPort: port, delayMs: DELAY_MS });
  const account = switchboard.createAccount({
    profile: 'jabber',
    address: `${USER.username}@${DOMAIN}`,
    credential: { kind: 'password', password: USER.password },
    tls: { ca: server.ca },
    initialPresence: false,
    ...config,
    server: { ...config.server, host: '127.0.0.1', port: tap.port },
  });
  try {
    await account.connect();
    const online = performance.now();
    expect(account.state).toBe('online');
    return clientFlights(tap.chunks(), { until: online });
  } finally {
    await account.disconnect();
    await tap.close();
  }
}

describe('round trips of a login, counted on the wire', () => {
  let server: ProsodyServer;
  let switchboard: Switchboard;

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: [USER] }] });
    switchboard = Switchboard.create({ modules: [xmppModule, jabberModule] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('when the login is classic (STARTTLS, SASL, restart, bind), takes 10', async () => {
    const flights = await flightsOfLogin(switchboard, server, server.port, {
      mechanisms: ['SCRAM-SHA-256'],
    });
    // 1 stream header; 2 <starttls/>; 3 TLS ClientHello; 4 TLS Finished + stream header;
    // 5 SCRAM client-first; 6 SCRAM client-final; 7 stream restart; 8 bind; 9 stream
    // management <enable/>; 10 carbons and the server's disco#info, together.
    expect(flights).toHaveLength(10);
    expect(flights.every((f) => f.connection === 1 && f.answerBytes > 0)).toBe(true);
  });

  it('when the login is over direct TLS, takes 8: no STARTTLS, no plain stream', async () => {
    if (server.directTlsPort === undefined) throw new Error('the kit opened no direct TLS port');
    const flights = await flightsOfLogin(switchboard, server, server.directTlsPort, {
      mechanisms: ['SCRAM-SHA-256'],
      server: { host: '127.0.0.1', port: 1, tls: 'direct' },
    });
    // 1 TLS ClientHello; 2 TLS Finished + stream header; 3–8 as 5–10 of the classic login.
    expect(flights).toHaveLength(8);
    expect(flights.every((f) => f.connection === 1 && f.answerBytes > 0)).toBe(true);
  });
});
