import { bytesToUtf8, SwitchboardError, toBytes } from '@switchboard/core';
import { errorOf, payload, unicodeChar } from '@switchboard/testing/property';
import fc from 'fast-check';
import { type OAuthBearerMechanism, oauthbearer } from './oauthbearer';

/** RFC 6750 b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
const b64token = fc
  .tuple(
    fc.string({
      unit: fc.constantFrom(
        ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/'.split(''),
      ),
      minLength: 8,
      maxLength: 40,
    }),
    fc.integer({ min: 0, max: 2 }),
  )
  .map(([body, pad]) => body + '='.repeat(pad));
/** Any JSON-representable text (JSON.stringify escapes lone surrogates, so they round-trip too). */
const anyText = fc.string({
  unit: fc.oneof(
    unicodeChar,
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  ),
  maxLength: 24,
});
const RESERVED = ['status', 'scope', 'openid-configuration'];

function expectNoSecret(error: unknown, secret: string): void {
  const { message, details, cause } = error as SwitchboardError;
  expect(message).not.toContain(secret);
  expect(JSON.stringify(details)).not.toContain(secret);
  expect(cause).toBeUndefined();
}

function sent(token: string): OAuthBearerMechanism {
  const session = oauthbearer.create();
  session.response({ accessToken: token });
  return session;
}

/** RFC 5802 saslname unescaping, as used for the gs2 authzid. */
function unescapeSaslName(name: string): string {
  return name.replace(/=2C|=3D/g, (e) => (e === '=2C' ? ',' : '='));
}

describe('oauthbearer', () => {
  describe('.response', () => {
    it('when given any valid token, address, host and port, builds the RFC 7628 message they parse back from (an address with %x01 is refused)', () => {
      fc.assert(
        fc.property(
          b64token,
          fc.option(
            fc
              .string({
                unit: fc.oneof(fc.constantFrom(',', '=', '@', '\u0001'), unicodeChar),
                minLength: 1,
                maxLength: 24,
              })
              .map((a) => a.replaceAll('\u0000', '_')),
            { nil: undefined },
          ),
          fc.option(fc.domain(), { nil: undefined }),
          fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
          (token, address, host, port) => {
            const build = () =>
              oauthbearer.create().response({
                accessToken: token,
                ...(address === undefined ? {} : { address }),
                ...(host === undefined ? {} : { oauthHost: host }),
                ...(port === undefined ? {} : { oauthPort: port }),
              });
            if (address?.includes('\u0001')) {
              // %x01 is the field separator: such an authzid would end the gs2 header early.
              const error = errorOf(build);
              expect(SwitchboardError.is(error, 'SB_CONFIG_INVALID')).toBe(true);
              expect((error as SwitchboardError).details).toEqual({
                mechanism: 'OAUTHBEARER',
                field: 'address',
              });
              return;
            }
            const message = build();
            const text = bytesToUtf8(payload(message));
            const [gs2, ...rest] = text.split('\u0001');
            expect(gs2).toBe(
              address === undefined
                ? 'n,,'
                : `n,a=${address.replace(/[=,]/g, (c) => (c === '=' ? '=3D' : '=2C'))},`,
            );
            if (address !== undefined)
              expect(unescapeSaslName(gs2?.slice(4, -1) ?? '')).toBe(address);
            expect(rest).toEqual([
              ...(host === undefined ? [] : [`host=${host}`]),
              ...(port === undefined ? [] : [`port=${port}`]),
              `auth=Bearer ${token}`,
              '',
              '',
            ]);
          },
        ),
      );
    });

    it('when the token is not an RFC 6750 b64token, refuses it with SB_CONFIG_INVALID without echoing it', () => {
      fc.assert(
        fc.property(fc.string({ unit: unicodeChar, minLength: 1, maxLength: 32 }), (token) => {
          fc.pre(!/^[A-Za-z0-9\-._~+/]+=*$/.test(token));
          const error = errorOf(() => oauthbearer.create().response({ accessToken: token }));
          expect(SwitchboardError.is(error, 'SB_CONFIG_INVALID')).toBe(true);
          // Only the field is named; the message is long enough to hold short tokens by chance.
          expect((error as SwitchboardError).details).toEqual({
            mechanism: 'OAUTHBEARER',
            field: 'accessToken',
          });
          if (token.length >= 8) expectNoSecret(error, token);
        }),
      );
    });
  });

  describe('.challenge', () => {
    it('when any bytes arrive, keeps a parsed error or throws only SB_SASL_MALFORMED_CHALLENGE, never the token', () => {
      const anyChallenge = fc.oneof(
        fc.uint8Array({ maxLength: 128 }),
        fc.string({ unit: unicodeChar, maxLength: 64 }).map(toBytes),
        fc.jsonValue().map((v) => toBytes(JSON.stringify(v) ?? '')),
        fc
          .dictionary(fc.constantFrom(...RESERVED, 'x'), fc.jsonValue(), { maxKeys: 4 })
          .map((o) => toBytes(JSON.stringify(o))),
      );
      fc.assert(
        fc.property(b64token, anyChallenge, (token, data) => {
          fc.pre(!bytesToUtf8(data).includes(token));
          const session = sent(token);
          const error = errorOf(() => session.challenge(data));
          if (error === undefined) {
            const parsed = session.serverError();
            expect(typeof parsed?.status).toBe('string');
            expect(parsed?.status).not.toBe('');
            expect(session.response({ accessToken: token })).toEqual(Uint8Array.of(1));
            return;
          }
          expect(SwitchboardError.is(error, 'SB_SASL_MALFORMED_CHALLENGE')).toBe(true);
          expectNoSecret(error, token);
          expect(
            SwitchboardError.is(
              errorOf(() => session.challenge(data)),
              'SB_SASL_PROTOCOL',
            ),
          ).toBe(true);
        }),
        { numRuns: 500 },
      );
    });

    it('when the error JSON has any status, scope, openid-configuration and extra members, in any order and layout, reads exactly those', () => {
      const extra = fc.tuple(
        fc
          .oneof(fc.constantFrom('__proto__', 'constructor', 'Status'), anyText)
          .filter((k) => !RESERVED.includes(k)),
        fc.jsonValue({ maxDepth: 2 }),
      );
      fc.assert(
        fc.property(
          b64token,
          anyText.filter((s) => s !== ''),
          fc.option(anyText, { nil: undefined }),
          fc.option(anyText, { nil: undefined }),
          fc.uniqueArray(extra, { selector: ([k]) => k, maxLength: 3 }),
          fc.infiniteStream(fc.nat()),
          fc.constantFrom('', ' ', '\n  ', '\t'),
          (token, status, scope, openid, extras, order, blank) => {
            const members: [string, unknown][] = [
              ['status', status],
              ...(scope === undefined ? [] : [['scope', scope] as [string, unknown]]),
              ...(openid === undefined
                ? []
                : [['openid-configuration', openid] as [string, unknown]]),
              ...extras,
            ];
            const shuffled = members
              .map((m) => ({ m, key: order.next().value }))
              .sort((a, b) => a.key - b.key)
              .map(({ m }) => m);
            const json = `${blank}{${shuffled
              .map(([k, v]) => `${blank}${JSON.stringify(k)}${blank}:${blank}${JSON.stringify(v)}`)
              .join(',')}${blank}}${blank}`;
            const session = sent(token);
            session.challenge(toBytes(json));
            const expected = {
              status,
              ...(scope === undefined ? {} : { scope }),
              ...(openid === undefined ? {} : { openidConfiguration: openid }),
            };
            expect(session.serverError()).toEqual(expected);
            expect(session.failureDetails?.()).toEqual(expected);
            // RFC 7628 §3.2.3: the client answers with a lone %x01, then only <failure/> may follow.
            expect(session.response({ accessToken: token })).toEqual(Uint8Array.of(1));
            expect(
              SwitchboardError.is(
                errorOf(() => session.success?.(null)),
                'SB_SASL_PROTOCOL',
              ),
            ).toBe(true);
          },
        ),
      );
    });

    it('when status, scope or openid-configuration is not a string, refuses the challenge naming that member', () => {
      const notString = fc.jsonValue().filter((v) => typeof v !== 'string');
      fc.assert(
        fc.property(b64token, fc.constantFrom(...RESERVED), notString, (token, key, value) => {
          const members: Record<string, unknown> = { status: 'invalid_token', [key]: value };
          const error = errorOf(() => sent(token).challenge(toBytes(JSON.stringify(members))));
          expect(SwitchboardError.is(error, 'SB_SASL_MALFORMED_CHALLENGE')).toBe(true);
          expect((error as SwitchboardError).details.reason).toBe(key);
        }),
      );
    });
  });

  it('regression: an address with %x01 (counterexample "\\u0001,") was put into the gs2 header unescaped', () => {
    const error = errorOf(() =>
      oauthbearer.create().response({ accessToken: 'AAAAAAAA', address: '\u0001,' }),
    );
    expect(error).toMatchObject({
      code: 'SB_CONFIG_INVALID',
      details: { mechanism: 'OAUTHBEARER', field: 'address' },
    });
  });
});
