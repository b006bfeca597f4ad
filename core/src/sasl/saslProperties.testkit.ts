/**
 * Shared pieces of core's property tests (fast-check). Core cannot use `@switchboard/testing`
 * (which depends on core), so these repeat what that package exports for the plugins' and
 * profiles' property tests (`testing/src/property/arbitraries.ts`); keep the two alike.
 */
import fc from 'fast-check';

/**
 * Any Unicode scalar value, with ASCII and the BMP weighted up. (fast-check's `unit: 'binary'`
 * takes ~1.5 s to build in every test file, which would dominate the unit run.)
 */
export const unicodeChar: fc.Arbitrary<string> = fc
  .oneof(
    { arbitrary: fc.integer({ min: 0, max: 0x7f }), weight: 3 },
    { arbitrary: fc.integer({ min: 0x80, max: 0xd7ff }), weight: 2 },
    { arbitrary: fc.integer({ min: 0xe000, max: 0x10ffff }), weight: 1 },
  )
  .map((c) => String.fromCodePoint(c));

/** What `run` throws, or `undefined` if it returns. */
export function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
