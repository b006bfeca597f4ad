import type {
  Account,
  AccountConfig,
  CapabilitySet,
  ProfileDescriptor,
  StanzaLogEntry,
  Switchboard,
} from '@switchboard/core';
import type { ErgoServer } from '../../ergo/ErgoOptions';
import { startErgo } from '../../ergo/startErgo';
import { startWireTap, type WireTap } from '../../wire/startWireTap';
import { AccountRecorder } from '../AccountRecorder';
import type { ConformanceCredentials } from '../ConformanceOptions';
import type { HonourProbe } from '../honourProbes';
import type { PeerScenario, ProtocolExpectations, ScenarioRun, TestAccount } from '../ScenarioRun';
import type { IrcProfileConformanceOptions } from './IrcConformanceOptions';
import { IrcPeer } from './IrcPeer';
import { ircHonourProbes, nickOf } from './ircHonourProbes';

/** Keepalives and their answers, left out of what an account sent. */
const KEEPALIVE = /^(?:@\S+ )?(?:PING|PONG)\b/;

/**
 * What one IRC conformance suite shares between its scenarios: a real ergo on loopback (started
 * in `beforeAll` with the account under test registered, stopped in `afterAll`), and what each
 * test opened (closed in `afterEach`). The account's address is `nick@127.0.0.1`; peers are
 * unregistered nicks `<scenario>-peer`.
 */
export class IrcConformanceRun implements ScenarioRun<IrcPeer> {
  readonly user: string;
  readonly mechanism: string;
  readonly reconnect: AccountConfig['reconnect'] | undefined;
  readonly credentials: ConformanceCredentials;
  /** IRC: the address `nick@server`, `AUTHENTICATE <mechanism>`, ERR_SASLFAIL (`failed`). */
  readonly expect: ProtocolExpectations;
  readonly #password: string;
  #server: ErgoServer | undefined;
  #created = 0;
  readonly #open: Array<{ close(): Promise<void> }> = [];

  constructor(
    readonly options: IrcProfileConformanceOptions,
    readonly switchboard: Switchboard,
    readonly profile: ProfileDescriptor,
    readonly log: readonly StanzaLogEntry[],
  ) {
    this.user = options.user ?? 'conformance';
    this.mechanism = options.mechanism;
    this.reconnect = options.account?.reconnect;
    this.#password = options.password ?? 'conformance-password-1';
    this.credentials = {
      valid: { kind: 'password', password: this.#password },
      invalid: { kind: 'password', password: `${this.#password}-wrong` },
    };
    this.expect = {
      isOwnAddress: (address) => address === `${this.user}@${this.server.host}`,
      authRequest: (mechanism) => new RegExp(`^AUTHENTICATE ${mechanism}$`),
      refusal: { reason: 'failed' },
      seenByPeer: (account) => nickOf(account.address ?? account.config.address),
    };
  }

  get server(): ErgoServer {
    if (this.#server === undefined) throw new Error('The conformance server is not running.');
    return this.#server;
  }

  /** Starts ergo with the account under test registered. */
  async start(): Promise<void> {
    this.#server = await startErgo({
      history: true,
      ...this.options.ergo,
      accounts: [{ name: this.user, password: this.#password }],
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
  }

  account(
    scenario: string,
    credential: keyof ConformanceCredentials = 'valid',
    extra: Partial<AccountConfig> = {},
  ): TestAccount {
    const { host, tlsPort, ca } = this.server;
    const account = this.switchboard.createAccount({
      ...this.options.account,
      ...extra,
      id: `${this.profile.id}:${scenario}:${++this.#created}`,
      profile: this.profile.id,
      address: `${this.user}@${host}`,
      credential: this.credentials[credential],
      server: { host, port: tlsPort, tls: 'direct', ...extra.server },
      tls: { ca, ...this.options.account?.tls },
    });
    this.#open.push({ close: () => account.disconnect() });
    return { account, events: new AccountRecorder(account) };
  }

  async peer(scenario: PeerScenario): Promise<IrcPeer> {
    const { host, tlsPort, ca } = this.server;
    const peer = await IrcPeer.connect({ host, port: tlsPort, ca, nick: `${scenario}-peer` });
    this.#open.push(peer);
    return peer;
  }

  peerAddress(scenario: PeerScenario): string {
    return `${scenario}-peer`;
  }

  async tap(): Promise<WireTap> {
    const tap = await startWireTap({
      targetHost: this.server.host,
      targetPort: this.server.tlsPort,
    });
    this.#open.push(tap);
    return tap;
  }

  logged(account: Account): string[] {
    return this.log.filter((e) => e.account === account.id).map((e) => e.text);
  }

  sent(account: Account): string[] {
    return this.log
      .filter((e) => e.account === account.id && e.direction === 'out' && !KEEPALIVE.test(e.text))
      .map((e) => e.text);
  }

  /** A channel on the test ergo. */
  roomAddress(name: string): string {
    return `#${name}`;
  }

  honourProbes(capabilities: CapabilitySet): HonourProbe<IrcPeer>[] {
    return ircHonourProbes(capabilities);
  }
}
