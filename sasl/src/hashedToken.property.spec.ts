import { createHmac } from 'node:crypto';
import { SwitchboardError } from '@switchboard/core';
import { unicodeChar } from '@switchboard/testing/property';
import fc from 'fast-check';
import { htSha256Expr, htSha256None } from './hashedToken';
import { contextWith } from './scramServer.testkit';
import { ssdpString } from './ssdp';

const text = fc
  .string({ unit: unicodeChar, minLength: 1, maxLength: 24 })
  .map((v) => v.replaceAll('\u0000', '_'));
const bytes = fc.uint8Array({ minLength: 0, maxLength: 64 });

function hmac(token: string, label: string, cb: Uint8Array): Buffer {
  return createHmac('sha256', Buffer.from(token, 'utf8'))
    .update(Buffer.concat([Buffer.from(label), cb]))
    .digest();
}

describe('HT-SHA-256 (properties)', () => {
  it('for any username, token and tls-exporter data, sends username NUL HMAC(token, "Initiator" || cb)', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, bytes, async (username, fastToken, data) => {
        const session = htSha256Expr.create(contextWith({ data: { 'tls-exporter': data } }));
        const message = Buffer.from(
          (await session.response({ username, fastToken })) as Uint8Array,
        );
        expect(message).toEqual(
          Buffer.concat([Buffer.from(`${username}\u0000`), hmac(fastToken, 'Initiator', data)]),
        );
        await session.success?.(hmac(fastToken, 'Responder', data));
      }),
      { numRuns: 100 },
    );
  });

  it('for any answer but the responder hash, fails verification without showing the token', async () => {
    await fc.assert(
      fc.asyncProperty(text, bytes, async (secret, answer) => {
        const fastToken = `secret-token:fast-${secret}`;
        fc.pre(!Buffer.from(answer).equals(hmac(fastToken, 'Responder', new Uint8Array(0))));
        const session = htSha256None.create();
        await session.response({ username: 'u', fastToken });
        const error = await Promise.resolve()
          .then(() => session.success?.(answer))
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(SwitchboardError.is(error, 'SB_SASL_SERVER_VERIFICATION_FAILED')).toBe(true);
        expect(
          JSON.stringify([(error as Error).message, (error as SwitchboardError).details]),
        ).not.toContain(fastToken);
      }),
      { numRuns: 100 },
    );
  });
});

describe('ssdpString (properties)', () => {
  const name = fc.stringMatching(/^[A-Z0-9-]{1,20}$/);

  it('does not depend on the order or repetition of the offer, and lists each name once, sorted', () => {
    fc.assert(
      fc.property(
        fc.array(name, { minLength: 1, maxLength: 8 }),
        fc.array(name, { maxLength: 4 }),
        (mechanisms, bindings) => {
          const reordered = [...mechanisms].reverse().concat(mechanisms.slice(0, 1));
          expect(ssdpString(reordered, [...bindings].reverse())).toBe(
            ssdpString(mechanisms, bindings),
          );
          const [list, types] = ssdpString(mechanisms, bindings).split('\u001f');
          expect(list?.split('\u001e')).toEqual([...new Set(mechanisms)].sort());
          expect(types?.split('\u001e')).toEqual(
            bindings.length === 0 ? undefined : [...new Set(bindings)].sort(),
          );
        },
      ),
    );
  });
});
