import type { Account } from '@switchboard/core';
import type { AccountLog } from './AccountLog';
import { CAST } from './cast';
import { type DemoAccount, emptyStats } from './DemoAccount';
import { renderSummary } from './renderSummary';

function demoAccount(index: number, stats: Partial<DemoAccount['stats']> = {}): DemoAccount {
  const member = CAST[index];
  if (member === undefined) throw new Error(`no cast member ${index}`);
  return {
    member,
    account: {} as Account,
    log: {} as AccountLog,
    stats: { ...emptyStats(), ...stats },
  };
}

describe(renderSummary, () => {
  it('when accounts have figures, lines the columns up under the headings', () => {
    const lines = renderSummary([
      demoAccount(0, { mechanism: 'SCRAM-SHA-256', sent: 1, received: 1, presencePeers: 2 }),
      demoAccount(1, {
        mechanism: 'X-MESSENGER-OAUTH2',
        sent: 2,
        received: 1,
        sees: new Set(['jack@jabber.test', 'fiona@facebook.test']),
        presencePeers: 2,
        typingSent: 1,
        typingSeen: 1,
        refusal: 'add contact refused',
        refresh: '1 refresh_token grant',
      }),
    ]);
    expect(lines.slice(0, 4)).toEqual([
      'network    account              SASL mechanism      sent  received  presence     typing',
      '─────────  ───────────────────  ──────────────────  ────  ────────  ───────────  ──────────────',
      'Jabber     jack@jabber.test     SCRAM-SHA-256       1     1         sees 0 of 2  —',
      'Messenger  mark@messenger.test  X-MESSENGER-OAUTH2  2     1         sees 2 of 2  1 sent, 1 seen',
    ]);
    expect(lines.slice(4)).toEqual([
      '',
      'refusal  Messenger: add contact refused',
      'refresh  Messenger: 1 refresh_token grant',
    ]);
  });

  it('when an account never chose a mechanism, shows a dash', () => {
    expect(renderSummary([demoAccount(2)])[2]).toMatch(/^Facebook +fiona@facebook\.test +— +0 /);
  });
});
