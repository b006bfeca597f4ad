import { OAuth2Client, SwitchboardError, toBase64 } from '@switchboard/core';
import { anyChallenge, errorOf, payload, unicodeChar } from '@switchboard/testing/property';
import fc from 'fast-check';
import { decodeRedirectToken, xMessengerOAuth2 } from './xMessengerOAuth2';

const client = new OAuth2Client({
  authorizationEndpoint: 'https://oauth.live.com/authorize',
  tokenEndpoint: 'https://oauth.live.com/token',
  scopes: ['wl.messenger'],
  redirectUri: 'https://oauth.live.com/desktop',
  clientId: '0000000012345678',
});

/** Token text with `+ % & = /` and non-ASCII well represented. */
const tokenText = (minLength: number) =>
  fc.string({
    unit: fc.oneof(fc.constantFrom('+', '%', '&', '=', '/', '#', ' ', 'é', '€', '😀'), unicodeChar),
    minLength,
    maxLength: 32,
  });
/** A Live token: canonical base64 of some bytes. */
const liveToken = fc.uint8Array({ minLength: 1, maxLength: 48 }).map((bytes) => ({
  bytes,
  token: toBase64(bytes),
}));
const style = fc.record({
  choices: fc.array(fc.boolean(), { maxLength: 32 }),
  lower: fc.boolean(),
});

/** Percent-encodes `%`, `&`, `#` and blanks always, other characters by choice; `+` may stay. */
function encode(value: string, { choices, lower }: { choices: boolean[]; lower: boolean }): string {
  let out = '';
  let i = 0;
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const must = '%&#'.includes(char) || code <= 0x20 || code === 0x7f;
    if (!must && !(choices.length > 0 && choices[i++ % choices.length] === true)) {
      out += char;
      continue;
    }
    const escaped = encodeURIComponent(char);
    out += lower ? escaped.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()) : escaped;
  }
  return out;
}

function expectNoSecret(error: unknown, secret: string): void {
  const { message, details, cause } = error as SwitchboardError;
  expect(message).not.toContain(secret);
  expect(JSON.stringify(details)).not.toContain(JSON.stringify(secret).slice(1, -1));
  expect(cause).toBeUndefined();
}

describe('decodeRedirectToken', () => {
  it('when any token text is percent-encoded in any style (+ left literal or %2b), returns exactly the text', () => {
    fc.assert(
      fc.property(tokenText(1), style, (token, s) => {
        expect(decodeRedirectToken(encode(token, s))).toBe(token);
      }),
      { numRuns: 500 },
    );
  });

  it('when given any string, returns text or throws only SB_CONFIG_INVALID with a fixed message', () => {
    const garbage = fc.string({
      unit: fc.oneof(
        fc.constantFrom('%', '%2', '%zz', '%e2%82', '%ed%a0%80', '%c0%af', '+', '%2b'),
        fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      ),
      minLength: 1,
      maxLength: 24,
    });
    fc.assert(
      fc.property(garbage, (value) => {
        const error = errorOf(() => decodeRedirectToken(value));
        if (error === undefined) return;
        expect(SwitchboardError.is(error, 'SB_CONFIG_INVALID')).toBe(true);
        expect((error as SwitchboardError).details).toEqual({
          mechanism: 'X-MESSENGER-OAUTH2',
          field: 'accessToken',
        });
        // A fixed message: the value is never echoed.
        expect((error as SwitchboardError).message).toBe(
          'The X-MESSENGER-OAUTH2 access token from the redirect fragment has a malformed %-escape; pass the access_token value exactly as received.',
        );
      }),
      { numRuns: 500 },
    );
  });

  it("when the raw access_token value is any string, agrees with core's redirect parser", () => {
    const raw = fc.string({
      unit: fc.oneof(
        fc.constantFrom('%', '%2f', '%2B', '%3d', '%zz', '+', '=', '/', 'é'),
        unicodeChar,
      ),
      minLength: 1,
      maxLength: 24,
    });
    fc.assert(
      fc.property(raw, (value) => {
        // Only values that stay one parameter of the fragment: no `&` or `#`, no blanks.
        fc.pre(!/[&#\s]/.test(value));
        const mine = errorOf(() => decodeRedirectToken(value));
        const core = errorOf(() =>
          client.parseImplicitRedirect(`#access_token=${value}&state=s`, 's'),
        );
        expect(mine === undefined).toBe(core === undefined);
        if (mine === undefined) {
          expect(
            client.parseImplicitRedirect(`#access_token=${value}&state=s`, 's').accessToken,
          ).toBe(decodeRedirectToken(value));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('xMessengerOAuth2', () => {
  describe('.response', () => {
    it('when the token is any Live token escaped Live-style in the fragment, the wire carries it verbatim', () => {
      fc.assert(
        fc.property(liveToken, style, ({ bytes, token }, s) => {
          const fromFragment = decodeRedirectToken(encode(token, s));
          const answer = xMessengerOAuth2.create().response({ accessToken: fromFragment });
          expect(answer).toEqual(bytes);
          // The XMPP layer base64-encodes the payload: that text is exactly the token.
          expect(toBase64(payload(answer))).toBe(token);
        }),
        { numRuns: 200 },
      );
    });

    it('when the token is not canonical base64, refuses it with SB_CONFIG_INVALID without echoing it', () => {
      fc.assert(
        fc.property(tokenText(8), (token) => {
          const bytes = Buffer.from(token, 'base64');
          fc.pre(bytes.toString('base64') !== token);
          const error = errorOf(() => xMessengerOAuth2.create().response({ accessToken: token }));
          expect(SwitchboardError.is(error, 'SB_CONFIG_INVALID')).toBe(true);
          expectNoSecret(error, token);
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('.challenge', () => {
    it('when any challenge arrives, throws only SB_SASL_PROTOCOL and never the token', () => {
      fc.assert(
        fc.property(
          liveToken.filter(({ token }) => token.length >= 8),
          anyChallenge,
          ({ token }, data) => {
            const session = xMessengerOAuth2.create();
            session.response({ accessToken: token });
            const error = errorOf(() => session.challenge(data));
            expect(SwitchboardError.is(error, 'SB_SASL_PROTOCOL')).toBe(true);
            expectNoSecret(error, token);
          },
        ),
      );
    });
  });
});
