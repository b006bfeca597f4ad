import { SwitchboardError } from '@switchboard/core';
import type { DemoAccount } from './DemoAccount';
import { DemoError } from './DemoError';
import type { Progress } from './Progress';
import type { StanzaWatch } from './StanzaWatch';

const ROSTER_NS = 'jabber:iq:roster';

/**
 * Asks an account whose profile has no roster writes to add a contact: Switchboard must refuse
 * with SB_CAPABILITY_UNSUPPORTED before sending anything, and the demo shows the refusal as the
 * user would see it (message and hint).
 */
export async function showRefusal(
  refused: DemoAccount,
  contact: DemoAccount,
  stanzas: StanzaWatch,
  progress: Progress,
): Promise<void> {
  const { account, member } = refused;
  const before = stanzas.sent(account.id, ROSTER_NS);
  const outcome = await account
    .addContact({ address: contact.member.address, name: contact.member.network })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  if (!SwitchboardError.is(outcome, 'SB_CAPABILITY_UNSUPPORTED')) {
    if (outcome === undefined) {
      throw new DemoError(
        `${member.network} added a contact, but its profile has no roster writes.`,
      );
    }
    throw outcome;
  }
  const sent = stanzas.sent(account.id, ROSTER_NS) - before;
  if (sent !== 0) {
    throw new DemoError(
      `${member.network} refused to add a contact but sent ${sent} roster stanzas.`,
    );
  }
  progress.detail(`${member.network}: add ${contact.member.address} as a contact?`);
  progress.detail(`  ✗ ${outcome.message}`);
  progress.detail(`    ${outcome.code}: ${outcome.hint}`);
  progress.detail("  (checked: the account's stanza log has no roster request)");
  refused.stats.refusal = `add contact → ${outcome.code}, refused before sending (nothing sent)`;
}
