/** Lower is better (durations, memory) or higher is better (rates). */
export type Better = 'lower' | 'higher';

/** A number for a table cell; `—` when there is none. */
export function num(value: number | undefined, digits = 2): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const d = abs >= 1000 ? 0 : abs >= 100 ? 1 : digits;
  return value.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/**
 * Switchboard's advantage over a peer as a factor: above 1 Switchboard is better (faster, more
 * per second, less memory), below 1 the peer is. Undefined when either side is missing.
 */
export function advantage(
  switchboard: number | undefined,
  peer: number | undefined,
  better: Better,
): number | undefined {
  if (switchboard === undefined || peer === undefined) return undefined;
  if (!(switchboard > 0) || !(peer > 0)) return undefined;
  return better === 'lower' ? peer / switchboard : switchboard / peer;
}

/** `1.02×`, bold when Switchboard is behind. */
export function ratio(value: number | undefined): string {
  if (value === undefined) return '—';
  const text = `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`;
  return value < 1 ? `**${text}**` : text;
}

/** A Markdown table. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
