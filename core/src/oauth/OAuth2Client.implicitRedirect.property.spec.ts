import fc from 'fast-check';
import { SwitchboardError } from '../errors/SwitchboardError';
import { errorOf, unicodeChar } from '../sasl/saslProperties.testkit';
import { OAuth2Client } from './OAuth2Client';
import { toTokenSet } from './toTokenSet';

const NOW = 1_700_000_000_000;
const client = new OAuth2Client(
  {
    authorizationEndpoint: 'https://oauth.live.com/authorize',
    tokenEndpoint: 'https://oauth.live.com/token',
    scopes: ['wl.messenger'],
    redirectUri: 'https://oauth.live.com/desktop',
    clientId: '0000000012345678',
  },
  { now: () => NOW },
);
const KNOWN = ['access_token', 'token_type', 'expires_in', 'refresh_token', 'scope', 'state'];

/** Token-like text with `+ % & = #`, `/`, blanks and non-ASCII well represented. */
const text = (minLength: number) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom('+', '%', '&', '=', '#', '/', ' ', 'é', '€', '😀', '%2b'),
      unicodeChar,
    ),
    minLength,
    maxLength: 24,
  });

/** Names of extra fields, including ones that collide with Object.prototype. */
const extraName = fc
  .oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'user_id'), text(1))
  .filter((name) => !KNOWN.includes(name) && name !== 'error');

/**
 * Percent-encodes `value`: `% & # =`, blanks and controls always, other characters when the
 * sender chooses (`choices`), in upper- or lower-case hex; a literal `+` may stay.
 */
function encode(value: string, choices: readonly boolean[], lower: boolean): string {
  let out = '';
  let i = 0;
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const must = '%&#='.includes(char) || code <= 0x20 || code === 0x7f;
    if (!must && !(choices.length > 0 && choices[i++ % choices.length] === true)) {
      out += char;
      continue;
    }
    const escaped = encodeURIComponent(char);
    out += lower ? escaped.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()) : escaped;
  }
  return out;
}

/** The three ways a redirect reaches the client: a URL string, a URL object, the bare fragment. */
type Form = 'url-string' | 'url-object' | 'fragment';
function redirect(fragment: string, form: Form): string | URL {
  const url = `https://oauth.live.com/desktop?lc=1033#${fragment}`;
  if (form === 'url-string') return url;
  if (form === 'url-object') return new URL(url);
  return `#${fragment}`;
}

const style = fc.record({
  choices: fc.array(fc.boolean(), { maxLength: 32 }),
  lower: fc.boolean(),
  form: fc.constantFrom<Form>('url-string', 'url-object', 'fragment'),
});

describe(OAuth2Client, () => {
  describe('.parseImplicitRedirect', () => {
    it('when any token, state and extra fields are encoded in any style, reads back exactly what was sent', () => {
      fc.assert(
        fc.property(
          text(1),
          text(1),
          fc.uniqueArray(fc.tuple(extraName, text(0)), { selector: ([n]) => n, maxLength: 4 }),
          fc.option(fc.integer({ min: 0, max: 10 ** 9 }), { nil: undefined }),
          style,
          fc.infiniteStream(fc.nat()),
          (token, state, extras, expiresIn, { choices, lower, form }, order) => {
            const fields: [string, string][] = [
              ['access_token', token],
              ['state', state],
              ['token_type', 'Bearer'],
              ...extras,
              ...(expiresIn === undefined
                ? []
                : [['expires_in', String(expiresIn)] as [string, string]]),
            ];
            const shuffled = fields
              .map((field) => ({ field, key: order.next().value }))
              .sort((a, b) => a.key - b.key)
              .map(({ field }) => field);
            const fragment = shuffled
              .map(([n, v]) => `${encode(n, choices, lower)}=${encode(v, choices, lower)}`)
              .join('&');
            const tokens = client.parseImplicitRedirect(redirect(fragment, form), state);
            expect(tokens.accessToken).toBe(token);
            expect(tokens.tokenType).toBe('bearer');
            expect(tokens.expiresAt).toBe(
              expiresIn === undefined ? undefined : NOW + expiresIn * 1000,
            );
            expect({ ...tokens.extra }).toEqual(Object.fromEntries(extras));
          },
        ),
      );
    });

    it('when state is missing or another one, throws SB_OAUTH_STATE_MISMATCH and never the token', () => {
      fc.assert(
        fc.property(
          text(8),
          text(1),
          fc.option(text(0), { nil: undefined }),
          style,
          (token, expected, got, { choices, lower, form }) => {
            fc.pre(got !== expected);
            const state = got === undefined ? '' : `&state=${encode(got, choices, lower)}`;
            const fragment = `access_token=${encode(token, choices, lower)}${state}`;
            const error = errorOf(() =>
              client.parseImplicitRedirect(redirect(fragment, form), expected),
            );
            expect(SwitchboardError.is(error, 'SB_OAUTH_STATE_MISMATCH')).toBe(true);
            expect((error as SwitchboardError).message).not.toContain(token);
            expect(JSON.stringify((error as SwitchboardError).details)).not.toContain(token);
          },
        ),
      );
    });

    it('when error= comes with our state or none, throws SB_OAUTH_REDIRECT_ERROR with the decoded error', () => {
      fc.assert(
        fc.property(
          text(0),
          fc.option(text(0), { nil: undefined }),
          fc.boolean(),
          fc.option(text(8), { nil: undefined }),
          style,
          (code, description, withState, token, { choices, lower, form }) => {
            const fields = [
              `error=${encode(code, choices, lower)}`,
              ...(description === undefined
                ? []
                : [`error_description=${encode(description, choices, lower)}`]),
              ...(withState ? ['state=s'] : []),
              ...(token === undefined ? [] : [`access_token=${encode(token, choices, lower)}`]),
            ];
            const error = errorOf(() =>
              client.parseImplicitRedirect(redirect(fields.join('&'), form), 's'),
            );
            expect(SwitchboardError.is(error, 'SB_OAUTH_REDIRECT_ERROR')).toBe(true);
            const { details, message } = error as SwitchboardError;
            expect(details).toEqual({
              error: code,
              ...(description === undefined ? {} : { description }),
            });
            if (
              token !== undefined &&
              !code.includes(token) &&
              !(description ?? '').includes(token)
            ) {
              expect(message).not.toContain(token);
              expect(JSON.stringify(details)).not.toContain(JSON.stringify(token).slice(1, -1));
            }
          },
        ),
      );
    });

    it('when expires_in is any text, expiresAt is absent or a finite time not before now', () => {
      const expiresIn = fc.oneof(
        fc.double().map(String),
        fc.integer().map(String),
        fc.string({ maxLength: 12 }),
        fc.constantFrom(
          '1e306',
          '1.7e308',
          'Infinity',
          '-1',
          '0x10',
          ' 5 ',
          '1e-9',
          '9'.repeat(400),
        ),
      );
      fc.assert(
        fc.property(expiresIn, (value) => {
          const fragment = `#access_token=t&state=s&expires_in=${encodeURIComponent(value)}`;
          const { expiresAt } = client.parseImplicitRedirect(fragment, 's');
          if (expiresAt === undefined) return;
          expect(Number.isFinite(expiresAt)).toBe(true);
          expect(expiresAt).toBeGreaterThanOrEqual(NOW);
        }),
        { numRuns: 500 },
      );
    });

    it('when given any string, returns tokens with a finite expiry or throws only an SB_OAUTH_* error', () => {
      const piece = fc.oneof(
        fc.constantFrom(
          'access_token=',
          'state=s',
          'expires_in=',
          'error=',
          'https://h/p?',
          '#',
          '&',
          '=',
          '%',
          '%zz',
          '%e2%82',
          '+',
          '1e306',
          '-0',
          '0x1f',
          'Infinity',
          '__proto__=',
        ),
        fc.string({
          unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
          maxLength: 6,
        }),
      );
      fc.assert(
        fc.property(
          fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
          (input) => {
            let tokens: ReturnType<OAuth2Client['parseImplicitRedirect']> | undefined;
            const error = errorOf(() => {
              tokens = client.parseImplicitRedirect(input, 's');
            });
            if (error !== undefined) {
              expect(SwitchboardError.is(error)).toBe(true);
              expect((error as SwitchboardError).code).toMatch(
                /^SB_OAUTH_(REDIRECT_ERROR|STATE_MISMATCH)$/,
              );
              return;
            }
            expect(tokens?.accessToken).not.toBe('');
            if (tokens?.expiresAt !== undefined) {
              expect(Number.isFinite(tokens.expiresAt)).toBe(true);
              expect(tokens.expiresAt).toBeGreaterThanOrEqual(NOW);
            }
          },
        ),
        { numRuns: 500 },
      );
    });
  });

  describe('regressions found by the properties above', () => {
    it('when an extra field is named __proto__, keeps it in extra (it was dropped)', () => {
      const tokens = client.parseImplicitRedirect('#access_token=%00&state=%2B&__proto__=', '+');
      expect(tokens.accessToken).toBe('\u0000');
      expect(Object.keys(tokens.extra ?? {})).toEqual(['__proto__']);
      expect(Object.getOwnPropertyDescriptor(tokens.extra, '__proto__')?.value).toBe('');
    });

    it('when expires_in is 1e306, leaves expiresAt undefined (it was Infinity)', () => {
      const tokens = client.parseImplicitRedirect('#access_token=t&state=s&expires_in=1e306', 's');
      expect(tokens).toEqual({ accessToken: 't', tokenType: 'bearer' });
      expect(toTokenSet({ access_token: 't', expires_in: 1e306 }, NOW).expiresAt).toBeUndefined();
      expect(toTokenSet({ access_token: 't', expires_in: 3600 }, NOW).expiresAt).toBe(
        NOW + 3_600_000,
      );
    });
  });
});
