import type { Account, AccountConfig, CapabilitySet, ProfileDescriptor } from '@switchboard/core';
import type { WireTap } from '../wire/startWireTap';
import type { AccountRecorder } from './AccountRecorder';
import type { ConformanceCredentials } from './ConformanceOptions';
import type { ConformancePeer } from './ConformancePeer';
import type { HonourProbe } from './honourProbes';

/** The scenarios that talk to a peer, each with a peer of its own. */
export type PeerScenario = 'presence' | 'messages' | 'capabilities' | 'reconnect';

/** An account of the profile under test, with its recorded events. */
export interface TestAccount {
  readonly account: Account;
  readonly events: AccountRecorder;
}

/** What differs between protocols in the neutral scenarios' checks. */
export interface ProtocolExpectations {
  /** Whether `address` is what the account under test should hold once online. */
  isOwnAddress(address: string | undefined): boolean;
  /** Matches the logged stanza or line that starts SASL with `mechanism`. */
  authRequest(mechanism: string): RegExp;
  /** What `details` of the SB_SASL_FAILURE for a refused credential hold, besides nothing else. */
  readonly refusal: Readonly<Record<string, string>>;
  /** The address a peer writes to for the account (and sees its messages from). */
  seenByPeer(account: Account): string;
}

/**
 * What a conformance run offers its protocol-neutral scenarios (login, bad credential, messages,
 * capabilities, reconnect): the XMPP run on Prosody and the IRC run on ergo both provide it.
 */
export interface ScenarioRun<P extends ConformancePeer = ConformancePeer> {
  readonly profile: ProfileDescriptor;
  /** The local part (XMPP) or nick (IRC) of the account under test. */
  readonly user: string;
  /** The SASL mechanism the login must choose. */
  readonly mechanism: string;
  /** The account's configured reconnect setting, kept by the reconnect scenario. */
  readonly reconnect: AccountConfig['reconnect'] | undefined;
  readonly credentials: ConformanceCredentials;
  readonly expect: ProtocolExpectations;
  /** A new account of the profile under test, closed after the test. */
  account(
    scenario: string,
    credential?: keyof ConformanceCredentials,
    extra?: Partial<AccountConfig>,
  ): TestAccount;
  /** A scenario's peer, logged in, closed after the test. */
  peer(scenario: PeerScenario): Promise<P>;
  /** The address of a scenario's peer as the account writes to it. */
  peerAddress(scenario: PeerScenario): string;
  /** A wire tap in front of the server, closed after the test. */
  tap(): Promise<WireTap>;
  /** Everything in the stanza log of an account, both directions. */
  logged(account: Account): string[];
  /** What an account sent, from the stanza log, without keepalives and acks. */
  sent(account: Account): string[];
  /** The address of a room called `name` on the test server. */
  roomAddress(name: string): string;
  /** The checks that the server honours what the profile declares true, for this protocol. */
  honourProbes(capabilities: CapabilitySet): HonourProbe<P>[];
}
