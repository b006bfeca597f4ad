import type { DemoAccount } from './DemoAccount';

const NONE = '—';

const HEADINGS = [
  'network',
  'account',
  'SASL mechanism',
  'sent',
  'received',
  'presence',
  'typing',
] as const;

function row({ member, stats }: DemoAccount): string[] {
  const typing =
    stats.typingSent + stats.typingSeen === 0
      ? NONE
      : `${stats.typingSent} sent, ${stats.typingSeen} seen`;
  return [
    member.network,
    member.address,
    stats.mechanism ?? NONE,
    String(stats.sent),
    String(stats.received),
    `sees ${stats.sees.size} of ${stats.presencePeers}`,
    typing,
  ];
}

/** The lines under the table: the capability refusal and the token refresh, by network. */
function outcomes(accounts: readonly DemoAccount[]): string[] {
  return accounts.flatMap(({ member, stats }) => [
    ...(stats.refusal === undefined ? [] : [`refusal  ${member.network}: ${stats.refusal}`]),
    ...(stats.refresh === undefined ? [] : [`refresh  ${member.network}: ${stats.refresh}`]),
  ]);
}

/**
 * The closing transcript of the demo: a table with one line per account (columns padded to line
 * up), then the refusal and the refresh.
 */
export function renderSummary(accounts: readonly DemoAccount[]): string[] {
  const rows = [[...HEADINGS], ...accounts.map(row)];
  const widths = HEADINGS.map((_, column) =>
    Math.max(...rows.map((cells) => [...(cells[column] ?? '')].length)),
  );
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - [...cell].length))
      .join('  ')
      .trimEnd();
  const [heading, ...body] = rows;
  return [
    render(heading ?? []),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...body.map(render),
    '',
    ...outcomes(accounts),
  ];
}
