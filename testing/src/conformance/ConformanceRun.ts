import type {
  Account,
  AccountConfig,
  CapabilitySet,
  ProfileDescriptor,
  StanzaLogEntry,
  Switchboard,
} from '@switchboard/core';
import type { ProsodyServer } from '../prosody/ProsodyServer';
import { startProsody } from '../prosody/startProsody';
import { TokenTable } from '../providers/TokenTable';
import { withProviders } from '../providers/withProviders';
import { startWireTap, type WireTap } from '../wire/startWireTap';
import { AccountRecorder } from './AccountRecorder';
import type { ConformanceCredentials, ProfileConformanceOptions } from './ConformanceOptions';
import { type HonourProbe, honourProbes } from './honourProbes';
import { JabberPeer } from './JabberPeer';
import { bare } from './peerXml';
import type { PeerScenario, ProtocolExpectations, ScenarioRun, TestAccount } from './ScenarioRun';

/** The peers the kit registers on its peer host, one per scenario that talks to one. */
const PEERS: readonly PeerScenario[] = ['presence', 'messages', 'capabilities', 'reconnect'];
const PEER_PASSWORD = 'conformance-peer-password';
const SM_NONZA = /^<[ar]\b[^>]*xmlns=["']urn:xmpp:sm:3["']/;

/**
 * What one conformance suite shares between its scenarios: the server (started in `beforeAll`,
 * stopped in `afterAll`), the credentials, and what each test opened (closed in `afterEach`).
 */
export class ConformanceRun implements ScenarioRun<JabberPeer> {
  readonly user: string;
  readonly peerDomain: string;
  readonly mechanism: string;
  readonly reconnect: AccountConfig['reconnect'] | undefined;
  /** XMPP: a full JID on the profile's domain, `<auth mechanism=…>`, `not-authorized`. */
  readonly expect: ProtocolExpectations;
  #server: ProsodyServer | undefined;
  #tokens: TokenTable | undefined;
  #credentials: ConformanceCredentials | undefined;
  #created = 0;
  readonly #open: Array<{ close(): Promise<void> }> = [];

  constructor(
    readonly options: ProfileConformanceOptions,
    readonly switchboard: Switchboard,
    readonly profile: ProfileDescriptor,
    readonly log: readonly StanzaLogEntry[],
  ) {
    this.user = options.user ?? 'conformance';
    this.peerDomain = options.peerDomain ?? 'peer.conformance.test';
    this.mechanism = options.mechanism;
    this.reconnect = options.account?.reconnect;
    const own = `${this.user}@${options.domain}/`;
    this.expect = {
      isOwnAddress: (address) => address?.startsWith(own) === true,
      authRequest: (mechanism) => new RegExp(`^<auth [^>]*mechanism=["']${mechanism}["']`),
      refusal: { condition: 'not-authorized' },
      seenByPeer: (account) => bare(account.address ?? ''),
    };
  }

  /** The XMPP checks of every capability declared true, with a Jabber peer. */
  honourProbes(capabilities: CapabilitySet): HonourProbe<JabberPeer>[] {
    return honourProbes(capabilities);
  }

  get server(): ProsodyServer {
    if (this.#server === undefined) throw new Error('The conformance server is not running.');
    return this.#server;
  }

  get credentials(): ConformanceCredentials {
    if (this.#credentials === undefined) throw new Error('The conformance server is not running.');
    return this.#credentials;
  }

  /** `user@domain` of the account under test. */
  get address(): string {
    return `${this.user}@${this.options.domain}`;
  }

  /** The bare address of a scenario's peer. */
  peerAddress(scenario: PeerScenario): string {
    return `${scenario}-peer@${this.peerDomain}`;
  }

  /** Starts the token table and Prosody, then makes the credentials. */
  async start(): Promise<void> {
    const { domain, emulation = {} } = this.options;
    this.#tokens = await TokenTable.create();
    const base = emulation.prosody ?? {};
    const peers = PEERS.map((p) => ({ username: `${p}-peer`, password: PEER_PASSWORD }));
    this.#server = await startProsody(
      withProviders(
        {
          // Rooms (XEP-0045) and archives (XEP-0313) for the rooms and history checks.
          rooms: true,
          archive: true,
          ...base,
          hosts: [
            { domain, users: emulation.users ?? [] },
            { domain: this.peerDomain, users: peers },
            ...(base.hosts ?? []),
          ],
        },
        { ...emulation.providers, tokenFile: this.#tokens.file },
      ),
    );
    this.#credentials = await this.options.credentials({
      server: this.#server,
      tokens: this.#tokens,
      domain,
      user: this.user,
    });
  }

  /** Closes what the test opened (accounts, peers, taps), the last opened first. */
  async cleanup(): Promise<void> {
    for (const opened of this.#open.splice(0).reverse())
      await opened.close().catch(() => undefined);
  }

  async stop(): Promise<void> {
    await this.cleanup();
    await this.#server?.stop();
    await this.#tokens?.remove();
  }

  /** A new account of the profile under test, connecting straight to the server (or `port`). */
  account(
    scenario: string,
    credential: keyof ConformanceCredentials = 'valid',
    extra: Partial<AccountConfig> = {},
  ): TestAccount {
    const account = this.switchboard.createAccount({
      ...this.options.account,
      ...extra,
      id: `${this.profile.id}:${scenario}:${++this.#created}`,
      profile: this.profile.id,
      address: this.address,
      credential: this.credentials[credential],
      server: { host: this.server.host, port: this.server.port, tls: 'starttls', ...extra.server },
      tls: { ca: this.server.ca, ...this.options.account?.tls },
    });
    this.#open.push({ close: () => account.disconnect() });
    return { account, events: new AccountRecorder(account) };
  }

  /** A scenario's Jabber peer, logged in and available. */
  async peer(scenario: PeerScenario): Promise<JabberPeer> {
    const peer = await JabberPeer.connect({
      host: this.server.host,
      port: this.server.port,
      domain: this.peerDomain,
      username: `${scenario}-peer`,
      password: PEER_PASSWORD,
      ca: this.server.ca,
    });
    this.#open.push(peer);
    return peer;
  }

  /** A wire tap in front of the server, closed after the test. */
  async tap(): Promise<WireTap> {
    const tap = await startWireTap({ targetHost: this.server.host, targetPort: this.server.port });
    this.#open.push(tap);
    return tap;
  }

  /** Everything in the stanza log of an account, both directions. */
  logged(account: Account): string[] {
    return this.log.filter((e) => e.account === account.id).map((e) => e.text);
  }

  /** What an account sent, from the stanza log, without XEP-0198 acks and requests. */
  sent(account: Account): string[] {
    return this.log
      .filter((e) => e.account === account.id && e.direction === 'out' && !SM_NONZA.test(e.text))
      .map((e) => e.text);
  }
}
