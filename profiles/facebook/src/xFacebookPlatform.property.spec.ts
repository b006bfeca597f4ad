import { createHash } from 'node:crypto';
import { bytesToUtf8, SwitchboardError, toBytes } from '@switchboard/core';
import { errorOf, unicodeChar } from '@switchboard/testing/property';
import fc from 'fast-check';
import { createXFacebookPlatform } from './xFacebookPlatform';

/** Text with the characters that matter in form encoding (`+ % & = ;`, blanks, non-ASCII). */
const formText = (minLength: number) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom('+', '%', '&', '=', ';', '#', ' ', '/', 'é', '€', '😀', '%2B'),
      unicodeChar,
    ),
    minLength,
    maxLength: 24,
  });
/** A secret long enough that random server data does not contain it by chance. */
const secret = fc.string({ unit: unicodeChar, minLength: 8, maxLength: 32 });

/** How the server form-encodes: which optional characters it escapes, hex case, space as `+`. */
const style = fc.record({
  choices: fc.array(fc.boolean(), { maxLength: 32 }),
  lower: fc.boolean(),
  plusForSpace: fc.boolean(),
});
type Style = typeof style extends fc.Arbitrary<infer T> ? T : never;

/** application/x-www-form-urlencoded in any valid style: `% & = +` always escaped, others by choice. */
function formEncode(value: string, { choices, lower, plusForSpace }: Style): string {
  let out = '';
  let i = 0;
  for (const char of value) {
    if (char === ' ' && plusForSpace) {
      out += '+';
      continue;
    }
    const must = '%&=+'.includes(char);
    if (!must && !(choices.length > 0 && choices[i++ % choices.length] === true)) {
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

/** A challenge with `method`, `nonce` and any other parameters, in any order and encoding. */
const challenge = fc
  .record({
    method: formText(1),
    nonce: formText(1),
    extras: fc.array(
      fc.tuple(
        formText(0).filter((n) => n !== 'method' && n !== 'nonce'),
        formText(0),
      ),
      { maxLength: 4 },
    ),
    style,
    order: fc.infiniteStream(fc.nat()),
  })
  .map(({ method, nonce, extras, style: s, order }) => {
    const params: [string, string][] = [
      ['version', '1'],
      ['method', method],
      ['nonce', nonce],
      ...extras,
    ];
    const text = params
      .map((p) => ({ p, key: order.next().value }))
      .sort((a, b) => a.key - b.key)
      .map(({ p: [n, v] }) => `${formEncode(n, s)}=${formEncode(v, s)}`)
      .join('&');
    return { method, nonce, text };
  });

function expectNoSecret(error: unknown, ...secrets: string[]): void {
  const { message, details, cause } = error as SwitchboardError;
  for (const s of secrets) {
    expect(message).not.toContain(s);
    expect(JSON.stringify(details)).not.toContain(JSON.stringify(s).slice(1, -1));
  }
  expect(cause).toBeUndefined();
}

describe('createXFacebookPlatform', () => {
  describe('.challenge', () => {
    it('when the challenge has any method, nonce and extra parameters in any encoding, echoes both and carries the access token', () => {
      fc.assert(
        fc.property(challenge, secret, fc.boolean(), (c, token, sortKeys) => {
          const session = createXFacebookPlatform({ callId: () => '42', sortKeys }).create();
          session.challenge(toBytes(c.text));
          const answer = session.response({ accessToken: token, apiKey: 'app-1' });
          const out = new URLSearchParams(String(answer));
          expect([...out]).toEqual(
            (sortKeys
              ? ['access_token', 'api_key', 'call_id', 'method', 'nonce', 'v']
              : ['method', 'nonce', 'access_token', 'api_key', 'call_id', 'v']
            ).map((k) => [
              k,
              {
                method: c.method,
                nonce: c.nonce,
                access_token: token,
                api_key: 'app-1',
                call_id: '42',
                v: '1.0',
              }[k],
            ]),
          );
        }),
        { numRuns: 300 },
      );
    });

    it('when answering the legacy variant, signs md5(sorted k=v of the decoded values + secret) and never sends the secret', () => {
      fc.assert(
        fc.property(challenge, secret, secret, (c, sessionKey, appSecret) => {
          const session = createXFacebookPlatform({ callId: 'zero' }).create();
          session.challenge(toBytes(c.text));
          const answer = String(session.response({ apiKey: 'APIKEY', sessionKey, appSecret }));
          const out = new URLSearchParams(answer);
          const signed = [
            `api_key=APIKEY`,
            `call_id=0`,
            `method=${c.method}`,
            `nonce=${c.nonce}`,
            `session_key=${sessionKey}`,
            'v=1.0',
          ].join('');
          expect(out.get('sig')).toBe(
            createHash('md5')
              .update(signed + appSecret, 'utf8')
              .digest('hex'),
          );
          expect(out.get('nonce')).toBe(c.nonce);
          expect([...out.values()]).not.toContain(appSecret);
          expect(answer).not.toContain(encodeURIComponent(appSecret));
        }),
      );
    });

    it('when method or nonce is missing, empty or repeated, refuses the challenge naming it', () => {
      fc.assert(
        fc.property(
          challenge,
          fc.constantFrom('method', 'nonce'),
          fc.constantFrom('missing', 'empty', 'repeated'),
          formText(1),
          (c, key, fault, other) => {
            const params = new URLSearchParams(c.text);
            if (fault === 'missing') params.delete(key);
            else if (fault === 'empty') params.set(key, '');
            else params.append(key, other);
            const error = errorOf(() =>
              createXFacebookPlatform().create().challenge(toBytes(params.toString())),
            );
            expect(SwitchboardError.is(error, 'SB_SASL_MALFORMED_CHALLENGE')).toBe(true);
            expect((error as SwitchboardError).details).toEqual({
              mechanism: 'X-FACEBOOK-PLATFORM',
              reason: key,
            });
          },
        ),
      );
    });

    it('when any bytes arrive, answers or throws only SB_SASL_MALFORMED_CHALLENGE, never a secret', () => {
      const anyChallenge = fc.oneof(
        fc.uint8Array({ maxLength: 128 }),
        fc.string({ unit: unicodeChar, maxLength: 64 }).map(toBytes),
        fc.tuple(challenge, fc.uint8Array({ maxLength: 8 }), fc.nat()).map(([c, junk, at]) => {
          const bytes = toBytes(c.text);
          const i = at % (bytes.length + 1);
          return Uint8Array.from([...bytes.subarray(0, i), ...junk, ...bytes.subarray(i)]);
        }),
      );
      fc.assert(
        fc.property(anyChallenge, secret, (data, token) => {
          fc.pre(!bytesToUtf8(data).includes(token));
          const session = createXFacebookPlatform().create();
          const error = errorOf(() => session.challenge(data));
          if (error === undefined) {
            const out = new URLSearchParams(
              String(session.response({ accessToken: token, apiKey: 'a' })),
            );
            expect(out.get('access_token')).toBe(token);
            expect(out.get('method')).not.toBe('');
            expect(out.get('nonce')).not.toBe('');
            return;
          }
          expect(SwitchboardError.is(error, 'SB_SASL_MALFORMED_CHALLENGE')).toBe(true);
          expectNoSecret(error, token);
          const again = errorOf(() => session.response({ accessToken: token, apiKey: 'a' }));
          expect(SwitchboardError.is(again, 'SB_SASL_PROTOCOL')).toBe(true);
          expectNoSecret(again, token);
        }),
        { numRuns: 300 },
      );
    });
  });
});
