/**
 * The host as a bridge between a Jabber room (multi-user chat on Prosody) and an IRC channel (on
 * ergo): what is said in one appears in the other as `<nick> text`, with each message's delivery
 * state; then Jack leaves, the channel talks on, and Jack's return catches up from the room's
 * archive with nothing missed and nothing twice.
 */
import type { Account, DeliveryUpdate, InboundMessage } from '@switchboard/core';
import { castOf } from './cast';
import type { DemoAccount } from './DemoAccount';
import { DemoError } from './DemoError';
import { BRIDGE_NICK } from './ircCast';
import { formatDuration, type Progress } from './Progress';
import type { IrcSide } from './signInIrc';

/** The Jabber room of the demo, on the emulator's multi-user chat service. */
export const JABBER_ROOM = `lounge@conference.${castOf('jabber').domain}`;
/** The IRC channel of the demo. */
export const IRC_CHANNEL = '#lounge';

const WAIT_MS = 5_000;

/** Resolves with the first delivery update of `id` in `state`; rejects after 5 s. */
function deliveryOf(account: Account, id: () => string | undefined, state: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      account.off('delivery', listener);
      reject(new DemoError(`No "${state}" delivery state came within ${WAIT_MS / 1000} s.`));
    }, WAIT_MS);
    const listener = (update: DeliveryUpdate): void => {
      if (update.id !== id() || update.state !== state) return;
      clearTimeout(timer);
      account.off('delivery', listener);
      resolve();
    };
    account.on('delivery', listener);
  });
}

/** Starts relaying between the room and the channel; returns what stops it. */
function startRoomBridge(irc: IrcSide, progress: Progress): () => void {
  const { bridgeXmpp, bridgeIrc } = irc;
  const relay = (from: DemoAccount, to: DemoAccount, where: string, m: InboundMessage): void => {
    from.stats.received += 1;
    to.stats.sent += 1;
    to.account
      .sendMessage({ to: where, type: 'groupchat', body: `<${m.nick}> ${m.body}` })
      .catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        progress.detail(`✗ the bridge could not relay to ${where}: ${why}`);
      });
  };
  // Live messages of others only: not the bridge's own, not replays from the archive.
  const live = (m: InboundMessage, room: string): boolean =>
    m.type === 'groupchat' && m.from === room && m.nick !== BRIDGE_NICK && m.delay === undefined;
  const fromRoom = (m: InboundMessage): void => {
    if (live(m, JABBER_ROOM)) relay(bridgeXmpp, bridgeIrc, IRC_CHANNEL, m);
  };
  const fromChannel = (m: InboundMessage): void => {
    if (live(m, IRC_CHANNEL)) relay(bridgeIrc, bridgeXmpp, JABBER_ROOM, m);
  };
  bridgeXmpp.account.on('message', fromRoom);
  bridgeIrc.account.on('message', fromChannel);
  return () => {
    bridgeXmpp.account.off('message', fromRoom);
    bridgeIrc.account.off('message', fromChannel);
  };
}

/** `from` says `body` in its room; waits until `to` sees it relayed and for its delivery. */
async function say(
  from: DemoAccount,
  room: string,
  to: DemoAccount,
  toRoom: string,
  body: string,
): Promise<{ took: number }> {
  let id: string | undefined;
  const delivered = deliveryOf(from.account, () => id, 'delivered');
  const started = performance.now();
  ({ id } = await from.account.sendMessage({ to: room, type: 'groupchat', body }));
  from.stats.sent += 1;
  await delivered;
  const relayed = `<${from.member.user}> ${body}`;
  await to.log.waitFor(
    'message',
    (m) =>
      m.type === 'groupchat' && m.from === toRoom && m.nick === BRIDGE_NICK && m.body === relayed,
    `"${relayed}" in ${toRoom}`,
  );
  to.stats.received += 1;
  return { took: performance.now() - started };
}

/**
 * Rooms: the bridge joins the Jabber room and the IRC channel, Jack and Iris each join theirs,
 * they talk across, and Jack catches up after being away.
 */
export async function bridgeRooms(
  jack: DemoAccount,
  irc: IrcSide,
  progress: Progress,
): Promise<void> {
  const { iris, bridgeXmpp, bridgeIrc } = irc;
  await bridgeXmpp.account.joinRoom(JABBER_ROOM, { nick: BRIDGE_NICK });
  await bridgeIrc.account.joinRoom(IRC_CHANNEL);
  const room = await jack.account.joinRoom(JABBER_ROOM, { nick: jack.member.user });
  const channel = await iris.account.joinRoom(IRC_CHANNEL);
  const names = (r: typeof room) => r.occupants.map((o) => o.nick).join(', ');
  progress.detail(`Jabber room ${JABBER_ROOM}: ${names(room)}`);
  progress.detail(`IRC channel ${IRC_CHANNEL}: ${names(channel)}`);
  const stop = startRoomBridge(irc, progress);
  try {
    const hello = 'Hello #lounge, Jack from the Jabber room!';
    const out = await say(jack, JABBER_ROOM, iris, IRC_CHANNEL, hello);
    progress.detail(
      `${'room → channel'.padEnd(16)} "${hello}" ✓✓ delivered, on IRC in ${formatDuration(out.took)}`,
    );
    const back = 'Hi Jack, Iris on IRC here.';
    const home = await say(iris, IRC_CHANNEL, jack, JABBER_ROOM, back);
    progress.detail(
      `${'channel → room'.padEnd(16)} "${back}" ✓✓ delivered, on Jabber in ${formatDuration(home.took)}`,
    );
    await catchUp(jack, irc, progress);
  } finally {
    stop();
  }
}

/** Jack signs out; Iris talks on; Jack signs in again and the room's archive fills the gap. */
async function catchUp(jack: DemoAccount, irc: IrcSide, progress: Progress): Promise<void> {
  const { iris, bridgeIrc, bridgeXmpp } = irc;
  await jack.account.disconnect();
  progress.detail('Jack signs out; the channel talks on:');
  const missed = ['Jack, are you there?', 'Release is on Friday.'];
  const relayed = missed.map((body) => `<${iris.member.user}> ${body}`);
  for (const body of missed) {
    await iris.account.sendMessage({ to: IRC_CHANNEL, type: 'groupchat', body });
    iris.stats.sent += 1;
  }
  // Each line reached the room (and its archive) through the bridge before Jack returns.
  for (const body of missed) {
    await bridgeIrc.log.waitFor('message', (m) => m.body === body, `"${body}" on the bridge`);
  }
  await bridgeXmpp.account.whenIdle();
  const started = performance.now();
  await jack.account.connect();
  for (const body of relayed) {
    await jack.log.waitFor(
      'message',
      (m) => m.from === JABBER_ROOM && m.body === body,
      `"${body}"`,
    );
    jack.stats.received += 1;
  }
  const twice = relayed.filter(
    (body) => jack.log.all('message').filter((m) => m.body === body).length !== 1,
  );
  if (twice.length > 0) throw new DemoError(`Jack got "${twice[0]}" more than once.`);
  progress.detail(
    `Jack is back after ${formatDuration(performance.now() - started)}: caught up on ${relayed.length} messages from the room's archive, none twice`,
  );
}
