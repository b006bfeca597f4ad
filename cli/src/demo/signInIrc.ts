import {
  type AccountConfig,
  formatTrace,
  type SelectionTraceEntry,
  type Switchboard,
} from '@switchboard/core';
import type { ErgoServer } from '@switchboard/testing';
import { AccountLog } from './AccountLog';
import { type CastMember, castOf } from './cast';
import { bare, type DemoAccount, emptyStats } from './DemoAccount';
import { DemoError } from './DemoError';
import {
  BRIDGE_IRC,
  BRIDGE_NICK,
  DEMO_BRIDGE_PASSWORD,
  DEMO_IRIS_PASSWORD,
  IRC_MECHANISM,
  IRIS,
} from './ircCast';
import type { Progress } from './Progress';
import type { Resources } from './Resources';
import type { Emulator } from './startEmulator';

/** The IRC side of the demo, signed in: Iris and the two ends of the bridge. */
export interface IrcSide {
  readonly iris: DemoAccount;
  /** The bridge on IRC (`relay`). */
  readonly bridgeIrc: DemoAccount;
  /** The bridge on Jabber (`relay@jabber.test`). */
  readonly bridgeXmpp: DemoAccount;
}

/** The Jabber end of the bridge, a cast member of its own (its row in the summary). */
export const BRIDGE_XMPP: CastMember = {
  profile: 'jabber',
  network: 'Jabber bridge',
  domain: castOf('jabber').domain,
  user: BRIDGE_NICK,
  address: `${BRIDGE_NICK}@${castOf('jabber').domain}`,
};

function ircConfig(member: CastMember, password: string, ergo: ErgoServer): AccountConfig {
  return {
    id: member.address,
    profile: 'irc',
    address: member.address,
    credential: { kind: 'password', password },
    server: { host: ergo.host, port: ergo.tlsPort, tls: 'direct' },
    tls: { ca: ergo.ca },
    // ergo offers SCRAM-SHA-256, PLAIN and EXTERNAL; the account asks for SCRAM only.
    mechanisms: [IRC_MECHANISM],
    parameters: { flood: 'off' },
    reconnect: false,
  };
}

/**
 * Signs in Iris and the bridge's IRC account on the local ergo with SCRAM-SHA-256 (forced
 * through the accounts' `mechanisms`), and the bridge's Jabber account on Prosody; shows the
 * mechanism each IRC login chose and the selection trace (why each other offer was skipped).
 */
export async function signInIrc(
  switchboard: Switchboard,
  ergo: ErgoServer,
  emulator: Emulator,
  progress: Progress,
  resources: Resources,
): Promise<IrcSide> {
  const { accounts } = switchboard;
  const { prosody } = emulator;
  const side = (member: CastMember, config: AccountConfig): DemoAccount => {
    const account = accounts.add(config);
    return {
      member,
      account,
      log: new AccountLog(account, member.network, resources.signal),
      stats: emptyStats(),
    };
  };
  const iris = side(IRIS, ircConfig(IRIS, DEMO_IRIS_PASSWORD, ergo));
  const bridgeIrc = side(BRIDGE_IRC, ircConfig(BRIDGE_IRC, DEMO_BRIDGE_PASSWORD, ergo));
  const bridgeXmpp = side(BRIDGE_XMPP, {
    id: BRIDGE_XMPP.address,
    profile: 'jabber',
    address: BRIDGE_XMPP.address,
    credential: { kind: 'password', password: DEMO_BRIDGE_PASSWORD },
    server: { host: prosody.host, port: prosody.port },
    tls: { ca: prosody.ca },
    reconnect: false,
  });
  const chosen = new Map<DemoAccount, { mechanism: string; trace: SelectionTraceEntry[] }>();
  for (const demo of [iris, bridgeIrc, bridgeXmpp]) {
    demo.account.once('mechanism', (mechanism, trace) => {
      chosen.set(demo, { mechanism, trace: [...trace] });
    });
  }
  for (const demo of [iris, bridgeIrc, bridgeXmpp]) {
    try {
      await demo.account.connect();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new DemoError(`${demo.member.network} could not sign in: ${why}`, { cause: error });
    }
  }
  await bridgeXmpp.account.refreshCapabilities();
  for (const demo of [iris, bridgeIrc, bridgeXmpp]) {
    const { mechanism, trace = [] } = chosen.get(demo) ?? {};
    if (mechanism !== undefined) demo.stats.mechanism = mechanism;
    const irc = demo.member.profile === 'irc';
    const forced = irc ? ` (the account allows only ${IRC_MECHANISM})` : '';
    progress.detail(
      `${demo.member.network.padEnd(12)} ${bare(demo.account.address ?? demo.member.address).padEnd(20)} online, SASL ${mechanism ?? '?'}${forced}`,
    );
    if (irc) progress.detail(`${''.padEnd(12)} selection: ${formatTrace(trace)}`);
  }
  return { iris, bridgeIrc, bridgeXmpp };
}
