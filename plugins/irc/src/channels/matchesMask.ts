/**
 * IRC masks (`nick!user@host` with `*` and `?` wildcards,
 * https://modern.ircdocs.horse/#wildcard-expressions) matched against an address, case-folded.
 */

/**
 * True when `address` (`nick!user@host`) matches `mask`; false for an empty address. Linear
 * backtracking to the last `*`, so a hostile mask cannot make it slow.
 */
export function matchesMask(mask: string, address: string, fold: (s: string) => string): boolean {
  if (address === '') return false;
  const m = fold(mask);
  const a = fold(address);
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (j < a.length) {
    if (i < m.length && (m[i] === '?' || m[i] === a[j])) {
      i++;
      j++;
    } else if (i < m.length && m[i] === '*') {
      star = i++;
      resume = j;
    } else if (star !== -1) {
      i = star + 1;
      j = ++resume;
    } else return false;
  }
  while (i < m.length && m[i] === '*') i++;
  return i === m.length;
}
