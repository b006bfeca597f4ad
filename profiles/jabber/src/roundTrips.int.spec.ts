/**
 * Round trips of a login, counted on the wire: each login runs through a wire tap that adds
 * 10 ms each way, so the client's flights separate cleanly, and the count is taken from what
 * the tap recorded until the account was online (`countRoundTrips` in @switchboard/testing says
 * what counts: every client flight that waited for the server, TLS handshake flights included,
 * the TCP handshake not). docs/performance.md ("Round trips per login") lists what each one is.
 */
import {
  type AccountConfig,
  type LoginFraming,
  MemoryTokenStore,
  Switchboard,
  type TokenStore,
} from '@switchboard/core';
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

/** One login of the account `id` through a delayed tap: its flights until online, and how. */
interface Counted {
  readonly flights: Flight[];
  readonly mechanism: string;
  readonly framing: LoginFraming | undefined;
}

/** Logs the account in through a delayed tap in front of `port`, on a fresh Switchboard. */
async function countLogin(
  server: ProsodyServer,
  transport: 'starttls' | 'direct',
  config: Partial<AccountConfig> & { readonly id: string },
  tokenStore: TokenStore = new MemoryTokenStore(),
): Promise<Counted> {
  const port = transport === 'direct' ? server.directTlsPort : server.port;
  if (port === undefined) throw new Error('the kit opened no direct TLS port');
  const tap = await startWireTap({ targetHost: server.host, targetPort: port, delayMs: DELAY_MS });
  const switchboard = Switchboard.create({ modules: [xmppModule, jabberModule], tokenStore });
  const account = switchboard.createAccount({
    profile: 'jabber',
    address: `${USER.username}@${DOMAIN}`,
    credential: { kind: 'password', password: USER.password },
    server: {
      host: '127.0.0.1',
      port: tap.port,
      ...(transport === 'direct' ? { tls: 'direct' as const } : {}),
    },
    tls: { ca: server.ca, servername: DOMAIN },
    initialPresence: false,
    reconnect: false,
    liveness: false,
    mechanisms: ['SCRAM-SHA-256'],
    ...config,
  });
  let chosen: Omit<Counted, 'flights'> = { mechanism: '', framing: undefined };
  account.on('mechanism', (mechanism, _trace, framing) => {
    chosen = { mechanism, framing };
  });
  try {
    await account.connect();
    const online = performance.now();
    expect(account.state).toBe('online');
    const flights = clientFlights(tap.chunks(), { until: online });
    expect(flights.every((f) => f.connection === 1 && f.answerBytes > 0)).toBe(true);
    return { flights, ...chosen };
  } finally {
    await account.disconnect();
    await tap.close();
  }
}

describe('round trips of a login, counted on the wire', () => {
  describe('on a server with classic SASL only', () => {
    let server: ProsodyServer;
    beforeAll(async () => {
      server = await startProsody({ hosts: [{ domain: DOMAIN, users: [USER] }] });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('when the login is classic (STARTTLS, SASL, restart, bind), takes 10', async () => {
      const login = await countLogin(server, 'starttls', { id: 'classic' });
      // 1 stream header; 2 <starttls/>; 3 TLS ClientHello; 4 TLS Finished + stream header;
      // 5 SCRAM client-first <auth/>; 6 client-final <response/>; 7 stream restart; 8 bind;
      // 9 stream management <enable/>; 10 the server's disco#info and the carbons <enable/> IQ,
      // sent together.
      expect(login.flights).toHaveLength(10);
      expect(login.framing).toMatchObject({ framing: 'sasl', reason: 'sasl2-not-offered' });
    });

    it('when the login is over direct TLS, takes 8: no plain stream, no STARTTLS', async () => {
      const login = await countLogin(server, 'direct', { id: 'classic-direct' });
      // 1 TLS ClientHello; 2 TLS Finished + stream header; 3–8 as 5–10 above.
      expect(login.flights).toHaveLength(8);
    });
  });

  describe('on a server with SASL2, Bind2 and FAST', () => {
    let server: ProsodyServer;
    beforeAll(async () => {
      server = await startProsody({ hosts: [{ domain: DOMAIN, users: [USER] }], sasl2: true });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('when the login is SASL2 with Bind2, takes 7 over STARTTLS and 5 over direct TLS', async () => {
      const starttls = await countLogin(server, 'starttls', { id: 'sasl2' });
      // 1–4 as the classic login; 5 <authenticate/> (SCRAM client-first, user agent, Bind2
      // with stream management and carbons, FAST token request); 6 client-final <response/>;
      // 7 the server's disco#info.
      expect(starttls.flights).toHaveLength(7);
      expect(starttls.mechanism).toBe('SCRAM-SHA-256-PLUS');
      expect(starttls.framing).toMatchObject({ framing: 'sasl2', reason: 'sasl2-offered' });
      const direct = await countLogin(server, 'direct', { id: 'sasl2-direct' });
      expect(direct.flights).toHaveLength(5);
    });

    it('when the account reconnects with its FAST token, takes 6 over STARTTLS and 4 over direct TLS', async () => {
      for (const [transport, trips] of [
        ['starttls', 6],
        ['direct', 4],
      ] as const) {
        const store = new MemoryTokenStore();
        const id = `fast-${transport}`;
        const first = await countLogin(server, transport, { id }, store);
        expect(first.framing).toMatchObject({ tokenRequested: true });
        const again = await countLogin(server, transport, { id }, store);
        // 1–4 (STARTTLS) or 1–2 (direct) as above; then <authenticate/> with the token's HMAC,
        // answered by <success/>; then the server's disco#info.
        expect(again.framing).toMatchObject({ framing: 'sasl2', fast: true, reason: 'fast-token' });
        expect(again.mechanism).toBe('HT-SHA-256-EXPR');
        expect(again.flights).toHaveLength(trips);
      }
    });
  });
});
