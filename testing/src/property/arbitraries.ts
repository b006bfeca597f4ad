/**
 * Shared pieces of the property tests (fast-check) of SASL mechanisms and redirect parsers:
 * arbitraries for Unicode text and server challenges, and two small readers of what a call
 * returned or threw.
 */
import { type SaslMechanism, toBytes } from '@switchboard/core';
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

/** Any challenge a server could send: random bytes, or the UTF-8 of any Unicode text. */
export const anyChallenge: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 128 }),
  fc.string({ unit: unicodeChar, maxLength: 64 }).map(toBytes),
);

/** The bytes of a response; these mechanisms always answer at once and with data. */
export function payload(data: ReturnType<SaslMechanism['response']>): Uint8Array {
  if (data === null || data === undefined || data instanceof Promise) {
    throw new Error('expected an immediate payload');
  }
  return toBytes(data);
}

/** What `run` throws, or `undefined` if it returns. */
export function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
