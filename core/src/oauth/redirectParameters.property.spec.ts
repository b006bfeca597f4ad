import fc from 'fast-check';
import { SwitchboardError } from '../errors/SwitchboardError';
import { errorOf, unicodeChar } from '../sasl/saslProperties.testkit';
import { checkRedirect, parseFragment } from './redirectParameters';

/** Text with the characters that matter in a fragment (`+ % & = #`, blanks, non-ASCII) well represented. */
const fragmentText = (minLength = 0) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom('+', '%', '&', '=', '#', '/', ' ', '\n', 'é', '€', '😀', '%2b'),
      unicodeChar,
    ),
    minLength,
    maxLength: 24,
  });

/** Which characters the sender escapes beyond the necessary ones, and in which hex case. */
const escaping = fc.record({
  choices: fc.array(fc.boolean(), { maxLength: 32 }),
  lower: fc.boolean(),
});
type Escaping = { readonly choices: readonly boolean[]; readonly lower: boolean };

/**
 * Percent-encodes `text` the way some sender might: `% & # =`, blanks and controls always (they
 * would change the fragment's structure or be dropped by a URL parser), any other character when
 * its choice says so, with upper- or lower-case hex (Live sent `%2f`). A literal `+` may stay.
 */
function encode(text: string, { choices, lower }: Escaping): string {
  let out = '';
  let i = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const must = '%&#='.includes(char) || code <= 0x20 || code === 0x7f;
    const chosen = choices.length > 0 && choices[i++ % choices.length] === true;
    if (!must && !chosen) {
      out += char;
      continue;
    }
    const escaped = encodeURIComponent(char).replace(
      /[!'()*~]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
    out += lower ? escaped.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()) : escaped;
  }
  return out;
}

describe(parseFragment, () => {
  it('when any list of parameters is percent-encoded in any style, decodes exactly that list (+ stays +)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fragmentText(), fragmentText()), { maxLength: 6 }),
        escaping,
        fc.boolean(),
        (pairs, style, hash) => {
          const text = pairs.map(([n, v]) => `${encode(n, style)}=${encode(v, style)}`).join('&');
          expect([...parseFragment(hash ? `#${text}` : text)]).toEqual(pairs);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('when given any string, returns parameters or throws only SB_OAUTH_REDIRECT_ERROR without echoing values', () => {
    const garbage = fc.string({
      unit: fc.oneof(
        fc.constantFrom('%', '%2', '%zz', '%e2%82', '%ed%a0%80', '%c0%af', '&', '=', '#', '+'),
        fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      ),
      maxLength: 40,
    });
    fc.assert(
      fc.property(garbage, (text) => {
        const error = errorOf(() => parseFragment(text));
        if (error === undefined) return;
        expect(SwitchboardError.is(error, 'SB_OAUTH_REDIRECT_ERROR')).toBe(true);
        const { message, details } = error as SwitchboardError;
        // A fixed message; only the (decoded) parameter name may be named, never a value.
        expect(message).toBe('The redirect carries a malformed percent-encoding; authorize again.');
        expect(details.reason).toBe('malformed_encoding');
        expect(Object.keys(details).every((k) => k === 'reason' || k === 'parameter')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe(checkRedirect, () => {
  const state = fragmentText(1);

  it('when state equals the expected one and nothing repeats, accepts the redirect', () => {
    fc.assert(
      fc.property(state, fragmentText(1), (expected, token) => {
        const params = new URLSearchParams([
          ['access_token', token],
          ['state', expected],
        ]);
        expect(() => checkRedirect(params, expected)).not.toThrow();
      }),
    );
  });

  it('when state is missing or differs, throws SB_OAUTH_STATE_MISMATCH', () => {
    fc.assert(
      fc.property(state, fc.option(fragmentText(), { nil: undefined }), (expected, got) => {
        fc.pre(got !== expected);
        const params = new URLSearchParams([['access_token', 't']]);
        if (got !== undefined) params.set('state', got);
        const error = errorOf(() => checkRedirect(params, expected));
        expect(SwitchboardError.is(error, 'SB_OAUTH_STATE_MISMATCH')).toBe(true);
        expect((error as SwitchboardError).details.reason).toBe(
          got === undefined ? 'missing' : 'different',
        );
      }),
    );
  });

  it('when error= comes with our state or none, throws SB_OAUTH_REDIRECT_ERROR with error and description', () => {
    fc.assert(
      fc.property(
        state,
        fragmentText(),
        fc.option(fragmentText(), { nil: undefined }),
        fc.boolean(),
        (expected, error, description, withState) => {
          const params = new URLSearchParams([['error', error]]);
          if (description !== undefined) params.set('error_description', description);
          if (withState) params.set('state', expected);
          const caught = errorOf(() => checkRedirect(params, expected));
          expect(SwitchboardError.is(caught, 'SB_OAUTH_REDIRECT_ERROR')).toBe(true);
          expect((caught as SwitchboardError).details).toEqual({
            error,
            ...(description === undefined ? {} : { description }),
          });
        },
      ),
    );
  });

  it('when any parameter repeats, throws SB_OAUTH_REDIRECT_ERROR naming it', () => {
    fc.assert(
      fc.property(fragmentText(), fragmentText(), fragmentText(), (name, a, b) => {
        const params = new URLSearchParams([
          [name, a],
          ['state', 's'],
          [name, b],
        ]);
        const error = errorOf(() => checkRedirect(params, 's'));
        expect(SwitchboardError.is(error, 'SB_OAUTH_REDIRECT_ERROR')).toBe(true);
        expect((error as SwitchboardError).details).toEqual({
          reason: 'duplicate_parameter',
          parameter: name,
        });
      }),
    );
  });
});
