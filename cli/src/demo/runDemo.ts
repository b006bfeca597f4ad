import { bridgeRooms } from './bridgeRooms';
import { castOf } from './cast';
import type { DemoAccount } from './DemoAccount';
import { DemoError } from './DemoError';
import type { Progress } from './Progress';
import { isRunning } from './prosodyPid';
import type { Resources } from './Resources';
import { refreshAfterExpiry } from './refreshToken';
import { relayIrc } from './relayIrc';
import { relayMessages } from './relayMessages';
import { renderSummary } from './renderSummary';
import { StanzaWatch } from './StanzaWatch';
import { showPresence } from './showPresence';
import { showRefusal } from './showRefusal';
import { signIn } from './signIn';
import { signInIrc } from './signInIrc';
import { startEmulator } from './startEmulator';
import { startIrcNetwork } from './startIrcNetwork';

/** How many steps {@link runDemo} shows. */
export const DEMO_STEPS = 9;

/** What the demo runs with. */
export interface DemoContext {
  readonly progress: Progress;
  readonly resources: Resources;
  /** Where `--debug` prints the stanza log (secrets redacted); none without it. */
  readonly debugStream?: { write(text: string): unknown };
}

function pick(
  accounts: readonly DemoAccount[],
  profile: DemoAccount['member']['profile'],
): DemoAccount {
  const found = accounts.find((a) => a.member.profile === profile);
  if (found === undefined) throw new DemoError(`No ${castOf(profile).network} account signed in.`);
  return found;
}

/**
 * The demo, step by step, on loopback only: start the emulated providers and an IRC network,
 * sign in on five networks, presence, typing and a message relay, the relay through a bridge
 * between Jabber and IRC, a Jabber room and an IRC channel bridged (with a catch-up from the
 * room's archive), a capability refusal, a token refresh after a cut connection, then stop
 * everything and print the summary table. Throws on the first step
 * that fails; the caller stops what `context.resources` still holds.
 */
export async function runDemo(context: DemoContext): Promise<void> {
  const { progress, resources } = context;
  const started = performance.now();
  const stanzas = new StanzaWatch(context.debugStream);
  progress.line(
    'Switchboard demo: four XMPP networks and IRC, one host, all on this machine (loopback only).',
  );
  progress.line('');

  const { emulator, ergo } = await progress.step(
    'Start the provider emulator, a local OAuth2 server and an IRC network',
    async () => ({
      emulator: await startEmulator(progress, resources),
      ergo: await startIrcNetwork(progress, resources),
    }),
  );
  resources.check();
  const { switchboard, accounts, irc } = await progress.step(
    'Sign in one account on each network',
    async () => {
      const xmpp = await signIn(emulator, progress, resources, stanzas.logger);
      return {
        ...xmpp,
        irc: await signInIrc(xmpp.switchboard, ergo, emulator, progress, resources),
      };
    },
  );
  resources.check();
  await progress.step('Presence: each account sees its neighbours available', () =>
    showPresence(accounts, progress),
  );
  resources.check();
  await progress.step(
    'Typing and messages: Jabber → Messenger → Facebook → Google Talk → Jabber',
    () => relayMessages(accounts, progress),
  );
  resources.check();
  await progress.step('XMPP ⇄ IRC: Jabber and IRC through a bridge on this host', () =>
    relayIrc(pick(accounts, 'jabber'), irc, progress),
  );
  resources.check();
  await progress.step(
    'Rooms: a Jabber room and an IRC channel bridged, and a catch-up after signing out',
    () => bridgeRooms(pick(accounts, 'jabber'), irc, progress),
  );
  resources.check();
  const messenger = pick(accounts, 'messenger');
  await progress.step('A capability Messenger does not have: adding a contact', () =>
    showRefusal(messenger, pick(accounts, 'jabber'), stanzas, progress),
  );
  resources.check();
  await progress.step('An expired token, refreshed without the user noticing', () =>
    refreshAfterExpiry(messenger, pick(accounts, 'facebook'), switchboard, emulator, progress),
  );
  resources.check();
  await progress.step('Stop everything the demo started', async () => {
    for (const { name, problem } of await resources.close()) {
      if (problem !== undefined) throw new DemoError(`Could not stop the ${name}: ${problem}.`);
      progress.detail(`stopped: ${name}`);
    }
    if (emulator.pid !== undefined && isRunning(emulator.pid)) {
      throw new DemoError(`Prosody (pid ${emulator.pid}) is still running.`);
    }
  });

  progress.line('');
  const everyone = [...accounts, irc.iris, irc.bridgeXmpp, irc.bridgeIrc];
  for (const line of renderSummary(everyone)) progress.line(line);
  progress.line('');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  progress.line(`Demo complete in ${seconds} s. No password or token was printed.`);
}
