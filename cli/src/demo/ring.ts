/** Each item with the next one, the last with the first: `[a, b, c]` → `[a, b], [b, c], [c, a]`. */
export function ring<T>(items: readonly T[]): Array<readonly [T, T]> {
  return items.flatMap((item, i) => {
    const next = items[(i + 1) % items.length];
    return items.length < 2 || next === undefined ? [] : [[item, next] as const];
  });
}
