import type { DemoAccount } from './DemoAccount';
import { bare } from './DemoAccount';
import { formatDuration, type Progress } from './Progress';
import { ring } from './ring';

const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Shows `from` typing to `to` (XEP-0085), when both profiles support chat states. */
async function showTyping(from: DemoAccount, to: DemoAccount): Promise<boolean> {
  if (!from.account.capabilities.chatStates || !to.account.capabilities.chatStates) return false;
  await from.account.sendChatState(to.member.address, 'composing');
  from.stats.typingSent += 1;
  await to.log.waitFor(
    'chatState',
    (u) => bare(u.from) === from.member.address && u.state === 'composing',
    `typing notification from ${from.member.network}`,
  );
  to.stats.typingSeen += 1;
  return true;
}

/**
 * Sends one message from `from` to `to` and waits until it arrived, intact and from the right
 * address; returns how long that took.
 */
export async function deliver(from: DemoAccount, to: DemoAccount, body: string): Promise<number> {
  const started = performance.now();
  await from.account.sendMessage({ to: to.member.address, body });
  from.stats.sent += 1;
  await to.log.waitFor(
    'message',
    (m) => bare(m.from) === from.member.address && m.body === body,
    `message "${body}" from ${from.member.network}`,
  );
  to.stats.received += 1;
  return performance.now() - started;
}

/**
 * The relay: each account types to the next one, then writes to it
 * (Jabber → Messenger → Facebook → Google Talk → Jabber); each message must arrive.
 */
export async function relayMessages(
  accounts: readonly DemoAccount[],
  progress: Progress,
): Promise<void> {
  for (const [from, to] of ring(accounts)) {
    const typed = await showTyping(from, to);
    const body = `Hi ${capitalized(to.member.user)}, ${capitalized(from.member.user)} here on ${from.member.network}. Pass it on!`;
    const took = await deliver(from, to, body);
    const route = `${from.member.network} → ${to.member.network}`.padEnd(26);
    const typing = typed ? 'typing… then ' : '';
    progress.detail(`${route} ${typing}"${body}" delivered in ${formatDuration(took)}`);
  }
}
