/**
 * The order in which SRV targets are tried (RFC 2782, "Usage rules"): lowest priority first;
 * within one priority, a weighted random selection in which a record's chance of coming next
 * is its weight over the weights left, so a target with three times the weight comes first
 * three times as often. RFC 2782's inclusive range `[0, sum]` would give weight-0 records "a
 * very small chance" and skew the rest; as in Go's `net` package, the range here is
 * `[0, sum)`, so weight-0 records come after the others of their priority, in random order.
 */

/** What ordering needs of a record. */
export interface Weighted {
  readonly priority: number;
  readonly weight: number;
}

/** A random number in [0, 1), as `Math.random`; tests pass a seeded one. */
export type RandomSource = () => number;

/** The index in `remaining` of the next record, by weight (uniform when all weigh 0). */
function pickIndex(remaining: readonly Weighted[], random: RandomSource): number {
  const total = remaining.reduce((sum, r) => sum + r.weight, 0);
  if (total === 0) return Math.min(Math.floor(random() * remaining.length), remaining.length - 1);
  const pick = random() * total;
  let running = 0;
  for (const [i, record] of remaining.entries()) {
    running += record.weight;
    if (running > pick) return i;
  }
  return remaining.length - 1;
}

/** `records` in the order to try them (RFC 2782); `random` defaults to `Math.random`. */
export function orderSrvRecords<T extends Weighted>(
  records: readonly T[],
  random: RandomSource = Math.random,
): T[] {
  const priorities = [...new Set(records.map((r) => r.priority))].sort((a, b) => a - b);
  const ordered: T[] = [];
  for (const priority of priorities) {
    const remaining = records.filter((r) => r.priority === priority);
    while (remaining.length > 0) ordered.push(...remaining.splice(pickIndex(remaining, random), 1));
  }
  return ordered;
}
