/**
 * The host as a bridge between XMPP and IRC: what Jack writes on Jabber to relay@jabber.test
 * goes to Iris on IRC from the nick `relay`, and what Iris writes to `relay` goes back to Jack,
 * typing notifications included. Both ends of the bridge are accounts of the same Switchboard.
 */
import type { ChatStateUpdate, InboundMessage } from '@switchboard/core';
import { bare, type DemoAccount } from './DemoAccount';
import { formatDuration, type Progress } from './Progress';
import type { IrcSide } from './signInIrc';

/**
 * Starts forwarding between Jack (Jabber) and Iris (IRC) through the bridge's two accounts;
 * returns what stops it. A forward that fails is shown; the wait for it then times out naming
 * what never arrived.
 */
function startBridge(jabber: DemoAccount, irc: IrcSide, progress: Progress): () => void {
  const { bridgeXmpp, bridgeIrc } = irc;
  const jack = jabber.member.address;
  const iris = irc.iris.member.user;
  const failed = (what: string) => (error: unknown) => {
    const why = error instanceof Error ? error.message : String(error);
    progress.detail(`✗ the bridge could not ${what}: ${why}`);
  };
  const pass = (from: DemoAccount, to: DemoAccount, address: string, body: string): void => {
    from.stats.received += 1;
    to.stats.sent += 1;
    to.account.sendMessage({ to: address, body }).catch(failed(`pass a message on to ${address}`));
  };
  const onJabber = (m: InboundMessage): void => {
    if (bare(m.from) === jack)
      pass(bridgeXmpp, bridgeIrc, iris, `<${jabber.member.user}> ${m.body}`);
  };
  const onIrc = (m: InboundMessage): void => {
    if (m.from === iris) pass(bridgeIrc, bridgeXmpp, jack, `<${iris}> ${m.body}`);
  };
  const typingOnJabber = (u: ChatStateUpdate): void => {
    if (bare(u.from) !== jack) return;
    bridgeIrc.account.sendChatState(iris, u.state).catch(failed('pass typing on'));
  };
  const typingOnIrc = (u: ChatStateUpdate): void => {
    if (u.from !== iris) return;
    bridgeXmpp.account.sendChatState(jack, u.state).catch(failed('pass typing on'));
  };
  bridgeXmpp.account.on('message', onJabber).on('chatState', typingOnJabber);
  bridgeIrc.account.on('message', onIrc).on('chatState', typingOnIrc);
  return () => {
    bridgeXmpp.account.off('message', onJabber).off('chatState', typingOnJabber);
    bridgeIrc.account.off('message', onIrc).off('chatState', typingOnIrc);
  };
}

/**
 * `from` types to its end of the bridge, then writes to it; waits until `to` has seen the typing
 * (from the bridge's other end) and the message, prefixed with the sender's name. Returns how
 * long the message took and whether the server acknowledged it.
 */
async function across(
  from: DemoAccount,
  fromBridge: DemoAccount,
  to: DemoAccount,
  toBridge: DemoAccount,
  body: string,
): Promise<{ took: number; acknowledged: boolean }> {
  const bridgeTo =
    from.member.profile === 'irc' ? fromBridge.member.user : fromBridge.member.address;
  const bridgeFrom = (address: string): boolean =>
    to.member.profile === 'irc'
      ? address === toBridge.member.user
      : bare(address) === toBridge.member.address;
  await from.account.sendChatState(bridgeTo, 'composing');
  from.stats.typingSent += 1;
  await to.log.waitFor(
    'chatState',
    (u) => bridgeFrom(u.from) && u.state === 'composing',
    `typing notification through the bridge from ${from.member.network}`,
  );
  to.stats.typingSeen += 1;
  const started = performance.now();
  const { acknowledged } = await from.account.sendMessage({ to: bridgeTo, body });
  from.stats.sent += 1;
  const relayed = `<${from.member.user}> ${body}`;
  await to.log.waitFor(
    'message',
    (m) => bridgeFrom(m.from) && m.body === relayed,
    `message "${body}" through the bridge from ${from.member.network}`,
  );
  to.stats.received += 1;
  return { took: performance.now() - started, acknowledged };
}

/**
 * The XMPP ↔ IRC relay: Jack on Jabber writes to Iris on IRC and Iris answers, each shown typing
 * first, through the host's bridge (relay@jabber.test on one side, `relay` on the other).
 */
export async function relayIrc(
  jabber: DemoAccount,
  irc: IrcSide,
  progress: Progress,
): Promise<void> {
  const stop = startBridge(jabber, irc, progress);
  try {
    const { iris, bridgeIrc, bridgeXmpp } = irc;
    progress.detail(
      `bridge: ${bridgeXmpp.member.address} (Jabber) ⇄ ${bridgeIrc.member.user} (IRC), both signed in on this host`,
    );
    const there = `Hi Iris, Jack here on Jabber. Pass it on!`;
    const out = await across(jabber, bridgeXmpp, iris, bridgeIrc, there);
    progress.detail(
      `${'Jabber → IRC'.padEnd(26)} typing… then "${there}" delivered in ${formatDuration(out.took)}`,
    );
    const back = `Hi Jack, Iris here on IRC. Got it!`;
    const home = await across(iris, bridgeIrc, jabber, bridgeXmpp, back);
    const ack = home.acknowledged ? ', acknowledged by echo-message' : '';
    progress.detail(
      `${'IRC → Jabber'.padEnd(26)} typing… then "${back}" delivered in ${formatDuration(home.took)}${ack}`,
    );
  } finally {
    stop();
  }
}
