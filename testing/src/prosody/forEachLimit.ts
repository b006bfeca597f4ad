/**
 * Runs `task` for every item in order, at most `limit` at a time. After a failure no further task
 * starts; rejects with the first failure once the tasks already running have settled, so nothing
 * is still at work when the caller cleans up.
 */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    for (let i = next++; failure === undefined && i < items.length; i = next++) {
      try {
        await task(items[i] as T);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== undefined) throw failure.error;
}
