import { SwitchboardError, toBytes } from '@switchboard/core';
import { unicodeChar } from '@switchboard/testing/property';
import fc from 'fast-check';
import { parseServerFirst, type ServerFirstExpectations } from './parseServerFirst';

/** RFC 5802 `printable`: visible ASCII except `,`. */
const printable = fc
  .integer({ min: 0x21, max: 0x7e })
  .filter((c) => c !== 0x2c)
  .map((c) => String.fromCharCode(c));
const nonce = fc.string({ unit: printable, minLength: 1, maxLength: 32 });
/** True when `v` holds a character that ends a SCRAM attribute value (`,` or NUL). */
const hasSeparator = (v: string) => v.includes(',') || v.includes('\u0000');
/** An attribute value: any UTF-8 text without `,` or NUL. */
const value = fc
  .string({ unit: unicodeChar, minLength: 1, maxLength: 16 })
  .map((v) => v.replaceAll(',', '_').replaceAll('\u0000', '_'));
/** An optional extension: any letter but the reserved `r`, `s`, `i` and the mandatory `m`. */
const extension = fc
  .tuple(fc.constantFrom(...'abcdefghjklnopqtuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'), value)
  .map(([name, v]) => `${name}=${v}`);
const salt = fc.uint8Array({ minLength: 1, maxLength: 64 });
const bounds = fc
  .tuple(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 1_000_000 }))
  .map(([min, span]) => ({ min, max: min + span }));

/** A well-formed server-first-message and the values it was built from. */
const serverFirst = fc
  .record({
    clientNonce: nonce,
    serverNonce: nonce,
    salt,
    bounds,
    extensions: fc.array(extension, { maxLength: 4 }),
  })
  .chain((parts) =>
    fc.integer({ min: parts.bounds.min, max: parts.bounds.max }).map((iterations) => {
      const text = [
        `r=${parts.clientNonce}${parts.serverNonce}`,
        `s=${Buffer.from(parts.salt).toString('base64')}`,
        `i=${iterations}`,
        ...parts.extensions,
      ].join(',');
      return { ...parts, iterations, text };
    }),
  );

function expectations(
  clientNonce: string,
  bounds: { min: number; max: number },
): ServerFirstExpectations {
  return {
    mechanism: 'SCRAM-SHA-256',
    clientNonce,
    minIterations: bounds.min,
    maxIterations: bounds.max,
  };
}

/** The error `run` throws; fails unless it is SB_SASL_MALFORMED_CHALLENGE with only mechanism and reason. */
function refusal(run: () => unknown): string {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(SwitchboardError.is(error, 'SB_SASL_MALFORMED_CHALLENGE')).toBe(true);
  const { details, cause } = error as SwitchboardError;
  expect(Object.keys(details).sort()).toEqual(['mechanism', 'reason']);
  expect(cause).toBeUndefined();
  return String(details.reason);
}

/** Small random edits (insert, delete, replace) biased towards the characters of the syntax. */
const edits = fc.array(
  fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('insert', 'delete', 'replace'),
    char: fc.oneof(
      fc.constantFrom(',', '=', '\u0000', ' ', 'r', 's', 'i', 'm', '0', '-', '\ufeff', '\u00e9'),
      unicodeChar,
    ),
  }),
  { minLength: 1, maxLength: 4 },
);
function mutate(text: string, list: readonly { at: number; kind: string; char: string }[]): string {
  let out = text;
  for (const { at, kind, char } of list) {
    const i = at % (out.length + 1);
    if (kind === 'insert') out = out.slice(0, i) + char + out.slice(i);
    else if (kind === 'delete') out = out.slice(0, i) + out.slice(i + 1);
    else out = out.slice(0, i) + char + out.slice(i + 1);
  }
  return out;
}

describe(parseServerFirst, () => {
  it('when the message is well formed, with any optional extensions after i, returns exactly what was sent', () => {
    fc.assert(
      fc.property(serverFirst, (sf) => {
        const parsed = parseServerFirst(toBytes(sf.text), expectations(sf.clientNonce, sf.bounds));
        expect(parsed.text).toBe(sf.text);
        expect(parsed.nonce).toBe(sf.clientNonce + sf.serverNonce);
        expect(parsed.salt).toEqual(sf.salt);
        expect(parsed.iterations).toBe(sf.iterations);
      }),
      { numRuns: 500 },
    );
  });

  it('when r, s and i come in any other order, or anything but m= precedes r, refuses it (syntax)', () => {
    fc.assert(
      fc.property(
        serverFirst,
        fc.constantFrom([0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]),
        fc.option(fc.tuple(extension, fc.integer({ min: 0, max: 2 })), { nil: undefined }),
        (sf, order, inserted) => {
          const attributes = sf.text.split(',');
          const core = order.map((k) => attributes[k] ?? '');
          if (inserted !== undefined) core.splice(inserted[1], 0, inserted[0]);
          const text = [...core, ...attributes.slice(3)].join(',');
          expect(
            refusal(() => parseServerFirst(toBytes(text), expectations(sf.clientNonce, sf.bounds))),
          ).toBe('syntax');
        },
      ),
    );
  });

  it('when an extension inside the r, s, i sequence is inserted, refuses it (syntax)', () => {
    fc.assert(
      fc.property(serverFirst, extension, fc.integer({ min: 1, max: 2 }), (sf, ext, at) => {
        const attributes = sf.text.split(',');
        attributes.splice(at, 0, ext);
        const text = attributes.join(',');
        expect(
          refusal(() => parseServerFirst(toBytes(text), expectations(sf.clientNonce, sf.bounds))),
        ).toBe('syntax');
      }),
    );
  });

  it('when m= comes first or anywhere after i, refuses it (mandatory-extension)', () => {
    fc.assert(
      fc.property(serverFirst, value, fc.boolean(), (sf, v, first) => {
        const text = first ? `m=${v},${sf.text}` : `${sf.text},m=${v}`;
        expect(
          refusal(() => parseServerFirst(toBytes(text), expectations(sf.clientNonce, sf.bounds))),
        ).toBe('mandatory-extension');
      }),
    );
  });

  it('when the nonce does not extend the client nonce, refuses it (nonce-mismatch)', () => {
    const notPrintable = fc.constantFrom(' ', '\u00e9', '\u007f', '\t', '\u{1f600}');
    fc.assert(
      fc.property(
        serverFirst,
        fc.oneof(
          // another nonce altogether
          nonce.map((other) => ({ other, suffix: undefined })),
          // the client nonce alone (no server part), or followed by a character outside `printable`
          fc.option(fc.tuple(nonce, notPrintable), { nil: undefined }).map((suffix) => ({
            other: undefined,
            suffix: suffix === undefined ? '' : suffix[0] + suffix[1],
          })),
        ),
        (sf, { other, suffix }) => {
          const r = other ?? `${sf.clientNonce}${suffix}`;
          fc.pre(other === undefined || !other.startsWith(sf.clientNonce));
          const text = sf.text.replace(/^r=[^,]*/, () => `r=${r}`);
          expect(
            refusal(() => parseServerFirst(toBytes(text), expectations(sf.clientNonce, sf.bounds))),
          ).toBe('nonce-mismatch');
        },
      ),
    );
  });

  it('when the iteration count is outside [minIterations, maxIterations], refuses it before any work', () => {
    const outside = bounds.chain((b) =>
      fc
        .oneof(
          fc.integer({ min: 1, max: b.min - 1 || 1 }),
          fc.integer({ min: b.max + 1, max: 9_999_999_999 }),
        )
        .filter((i) => i < b.min || i > b.max)
        .map((iterations) => ({ b, iterations })),
    );
    fc.assert(
      fc.property(serverFirst, outside, (sf, { b, iterations }) => {
        const text = sf.text.replace(/,i=[0-9]+/, () => `,i=${iterations}`);
        const reason = refusal(() =>
          parseServerFirst(toBytes(text), expectations(sf.clientNonce, b)),
        );
        expect(reason).toBe(iterations < b.min ? 'iterations-too-low' : 'iterations-too-high');
      }),
    );
  });

  it('when the iteration count is not a canonical positive decimal, refuses it (iterations)', () => {
    const notCanonical = fc.oneof(
      fc.constantFrom(
        '0',
        '00',
        '-1',
        '+4096',
        '4096.0',
        '4e3',
        '0x1000',
        ' 4096',
        '4096 ',
        '١٢٣',
        'Infinity',
        'NaN',
      ),
      fc.nat().map((n) => `0${n}`),
      fc
        .string({ unit: unicodeChar, minLength: 1, maxLength: 8 })
        .filter((v) => !/^[0-9]+$/.test(v) && !hasSeparator(v)),
      fc.integer({ min: 10_000_000_000, max: Number.MAX_SAFE_INTEGER }).map(String),
    );
    fc.assert(
      fc.property(serverFirst, notCanonical, (sf, i) => {
        const text = sf.text.replace(/,i=[0-9]+/, () => `,i=${i}`);
        expect(
          refusal(() => parseServerFirst(toBytes(text), expectations(sf.clientNonce, sf.bounds))),
        ).toBe('iterations');
      }),
    );
  });

  it('when the salt is empty, not base64, or has blanks, refuses it', () => {
    const badSalt = fc.oneof(
      fc.constantFrom(
        '',
        '=',
        'A',
        'AB=',
        'A===',
        '====',
        '!!!!',
        'QUJD RA==',
        'QUJD\tRA==',
        'QUJDRA=',
        'QUJD\u00a0',
      ),
      fc
        .string({ unit: unicodeChar, minLength: 1, maxLength: 12 })
        .filter((v) => !/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0 || /^=*$/.test(v)),
    );
    fc.assert(
      fc.property(serverFirst, badSalt, (sf, s) => {
        fc.pre(!hasSeparator(s));
        const text = sf.text.replace(/,s=[^,]*/, () => `,s=${s}`);
        expect(['salt', 'syntax']).toContain(
          refusal(() => parseServerFirst(toBytes(text), expectations(sf.clientNonce, sf.bounds))),
        );
      }),
    );
  });

  it('when given any bytes, or a well-formed message with small edits, returns a checked result or only SB_SASL_MALFORMED_CHALLENGE', () => {
    const anyInput = fc.oneof(
      fc.uint8Array({ maxLength: 128 }).map((bytes) => ({ bytes, sf: undefined })),
      fc
        .string({ unit: unicodeChar, maxLength: 64 })
        .map((t) => ({ bytes: toBytes(t), sf: undefined })),
      fc
        .tuple(serverFirst, edits)
        .map(([sf, list]) => ({ bytes: toBytes(mutate(sf.text, list)), sf })),
    );
    fc.assert(
      fc.property(anyInput, nonce, bounds, ({ bytes, sf }, otherNonce, otherBounds) => {
        const expected = expectations(sf?.clientNonce ?? otherNonce, sf?.bounds ?? otherBounds);
        let parsed: ReturnType<typeof parseServerFirst> | undefined;
        const reason = (() => {
          try {
            parsed = parseServerFirst(bytes, expected);
            return undefined;
          } catch {
            return refusal(() => parseServerFirst(bytes, expected));
          }
        })();
        if (reason !== undefined) return;
        // Whatever got through satisfies every rule.
        expect(parsed?.nonce.startsWith(expected.clientNonce)).toBe(true);
        expect(parsed?.nonce.length).toBeGreaterThan(expected.clientNonce.length);
        expect(parsed?.salt.length).toBeGreaterThan(0);
        expect(parsed?.iterations).toBeGreaterThanOrEqual(expected.minIterations);
        expect(parsed?.iterations).toBeLessThanOrEqual(expected.maxIterations);
        expect(toBytes(parsed?.text ?? '')).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });
});
