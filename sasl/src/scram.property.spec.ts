import { saslprep } from '@mongodb-js/saslprep';
import { fromBase64, type SaslMechanism, SwitchboardError, toBytes } from '@switchboard/core';
import { errorOf, unicodeChar } from '@switchboard/testing/property';
import fc from 'fast-check';
import { createScram, scramSha1, scramSha256 } from './scram';
import { nodeServer, text } from './scram.testkit';

const HASHES = [
  { hash: 'SHA-1', node: 'sha1', bytes: 20 },
  { hash: 'SHA-256', node: 'sha256', bytes: 32 },
] as const;
const variant = fc.constantFrom(...HASHES);

const printable = fc
  .integer({ min: 0x21, max: 0x7e })
  .filter((c) => c !== 0x2c)
  .map((c) => String.fromCharCode(c));
const nonce = fc.string({ unit: printable, minLength: 1, maxLength: 32 });
/** What SASLprep (as a query) makes of `text`; undefined when it refuses it or nothing is left. */
function prepared(text: string): string | undefined {
  try {
    return saslprep(text, { allowUnassigned: true }) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Credential text: any Unicode SASLprep accepts (characters it refuses or maps to nothing are
 * replaced by `_`; strings that fail its bidirectional rule are left out). The refusals have
 * their own tests (saslPrep.spec.ts).
 */
const credential = (minLength: number) =>
  fc
    .string({
      unit: unicodeChar.map((c) => (prepared(c) === undefined ? '_' : c)),
      minLength,
      maxLength: 24,
    })
    .filter((v) => prepared(v) !== undefined);
/** A password long enough that random server data does not contain it by chance. */
const password = credential(8);
const extension = fc
  .tuple(fc.constantFrom(...'abcdfghjklnopqtuxyzX'), credential(1))
  .map(([name, v]) => `${name}=${v.replaceAll(',', '_')}`);

/** The sessions under test may do PBKDF2 only this cheaply, so a run stays fast. */
const LOW = { minIterations: 1, maxIterations: 64 };

function expectNoSecret(error: unknown, secret: string): void {
  const { message, details, cause } = error as SwitchboardError;
  expect(message).not.toContain(secret);
  expect(JSON.stringify(details)).not.toContain(JSON.stringify(secret).slice(1, -1));
  expect(cause).toBeUndefined();
}

/** RFC 5802 saslname unescaping: `=2C` is `,`, `=3D` is `=`; anything else with `=` is invalid. */
function unescapeSaslName(name: string): string | undefined {
  if (/=(?!2C|3D)/.test(name)) return undefined;
  return name.replace(/=2C|=3D/g, (e) => (e === '=2C' ? ',' : '='));
}

/** A login up to the client-final against a well-formed server-first with a cheap count. */
const login = fc.record({
  v: variant,
  username: credential(1),
  authzid: fc.option(credential(1), { nil: undefined }),
  password,
  clientNonce: nonce,
  serverNonce: nonce,
  salt: fc.uint8Array({ minLength: 1, maxLength: 32 }),
  iterations: fc.integer({ min: LOW.minIterations, max: LOW.maxIterations }),
  extensions: fc.array(extension, { maxLength: 3 }),
});
type Login = typeof login extends fc.Arbitrary<infer T> ? T : never;

async function runToClientFinal(l: Login) {
  const session = createScram(l.v.hash, { nonce: () => l.clientNonce, ...LOW }).create();
  const credentials = {
    username: l.username,
    password: l.password,
    ...(l.authzid === undefined ? {} : { authzid: l.authzid }),
  };
  const clientFirst = text(await session.response(credentials));
  const serverFirst = [
    `r=${l.clientNonce}${l.serverNonce}`,
    `s=${Buffer.from(l.salt).toString('base64')}`,
    `i=${l.iterations}`,
    ...l.extensions,
  ].join(',');
  session.challenge(toBytes(serverFirst));
  const clientFinal = text(await session.response(credentials));
  const server = nodeServer(
    l.v.node,
    prepared(l.password) ?? '',
    Buffer.from(l.salt),
    l.iterations,
  );
  const serverFinal = server.verify(clientFirst, serverFirst, clientFinal);
  return { session, clientFirst, clientFinal, serverFinal };
}

describe('createScram', () => {
  describe('.challenge (server-first)', () => {
    it('when any bytes or text arrive, throws only SB_SASL_MALFORMED_CHALLENGE and never the password', async () => {
      const anyChallenge = fc.oneof(
        fc.uint8Array({ maxLength: 128 }),
        fc.string({ unit: unicodeChar, maxLength: 64 }).map(toBytes),
        fc.tuple(nonce, fc.string({ maxLength: 40 })).map(([n, t]) => toBytes(`r=${n}${t}`)),
      );
      await fc.assert(
        fc.asyncProperty(variant, password, nonce, anyChallenge, async (v, secret, n, data) => {
          fc.pre(!text(data).includes(secret));
          const session = createScram(v.hash, { nonce: () => n }).create();
          await session.response({ username: 'user', password: secret });
          const error = errorOf(() => session.challenge(data));
          if (error === undefined) return; // a valid server-first by chance
          expect(SwitchboardError.is(error, 'SB_SASL_MALFORMED_CHALLENGE')).toBe(true);
          expectNoSecret(error, secret);
        }),
        { numRuns: 300 },
      );
    });

    it('when the count is outside the default bounds [4096, 1,000,000], refuses it at once, before PBKDF2', async () => {
      const outside = fc.oneof(
        fc.integer({ min: 1, max: 4095 }),
        fc.integer({ min: 1_000_001, max: 9_999_999_999 }),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(scramSha1, scramSha256), outside, async (def, i) => {
          const session = def.create();
          const clientFirst = text(await session.response({ username: 'u', password: 'p' }));
          const clientNonce = clientFirst.split(',r=')[1] ?? '';
          const error = errorOf(() =>
            session.challenge(toBytes(`r=${clientNonce}x,s=QUJD,i=${i}`)),
          );
          expect(SwitchboardError.is(error, 'SB_SASL_MALFORMED_CHALLENGE')).toBe(true);
          expect((error as SwitchboardError).details.reason).toBe(
            i < 4096 ? 'iterations-too-low' : 'iterations-too-high',
          );
        }),
      );
    });
  });

  describe('.challenge then .response, with any accepted maxIterations', () => {
    it('when the count is beyond what PBKDF2 can compute (over 2^32 - 1), refuses it with a code, never a TypeError', async () => {
      await fc.assert(
        fc.asyncProperty(
          variant,
          fc.integer({ min: 2 ** 32, max: Number.MAX_SAFE_INTEGER }),
          fc.integer({ min: 2 ** 32, max: 9_999_999_999 }),
          async (v, maxIterations, i) => {
            const session = createScram(v.hash, { nonce: () => 'cn', maxIterations }).create();
            await session.response({ username: 'u', password: 'p' });
            let error = errorOf(() => session.challenge(toBytes(`r=cnx,s=QUJD,i=${i}`)));
            if (error === undefined) {
              error = await Promise.resolve(
                session.response({ username: 'u', password: 'p' }),
              ).then(
                () => undefined,
                (e: unknown) => e,
              );
            }
            expect(SwitchboardError.is(error, 'SB_SASL_MALFORMED_CHALLENGE')).toBe(true);
            expect((error as SwitchboardError).details.reason).toBe('iterations-too-high');
          },
        ),
        { numRuns: 50 },
      );
    });

    it('regression: maxIterations 2^40 and i=4294967296 was a TypeError from WebCrypto at client-final', async () => {
      const session = createScram('SHA-1', { nonce: () => 'cn', maxIterations: 2 ** 40 }).create();
      await session.response({ username: 'u', password: 'p' });
      const error = errorOf(() => session.challenge(toBytes('r=cnx,s=QUJD,i=4294967296')));
      expect(error).toMatchObject({
        code: 'SB_SASL_MALFORMED_CHALLENGE',
        details: { reason: 'iterations-too-high' },
      });
    });
  });

  describe('.response (client-first and client-final)', () => {
    it('when the server-first is well formed, sends the same nonce, c= of the gs2 header and a proof the server accepts', async () => {
      await fc.assert(
        fc.asyncProperty(login, async (l) => {
          const { clientFirst, clientFinal, serverFinal } = await runToClientFinal(l);
          // client-first: gs2 header, then n=<escaped SASLprep'd username>,r=<client nonce>
          const match = /^n,(?:a=([^,]*))?,n=([^,]*),r=([^,]*)$/.exec(clientFirst);
          expect(match).not.toBeNull();
          const authzid = match?.[1] === undefined ? undefined : unescapeSaslName(match[1]);
          expect(authzid).toBe(l.authzid === undefined ? undefined : prepared(l.authzid));
          expect(unescapeSaslName(match?.[2] ?? '')).toBe(prepared(l.username));
          expect(match?.[3]).toBe(l.clientNonce);
          // client-final: c=<base64 gs2 header>,r=<combined nonce>,p=<proof>
          const final = /^c=([^,]*),r=([^,]*),p=([^,]*)$/.exec(clientFinal);
          const gs2 = clientFirst.slice(0, clientFirst.indexOf(',n=') + 1);
          expect(final?.[1]).toBe(Buffer.from(gs2).toString('base64'));
          if (l.authzid === undefined) expect(final?.[1]).toBe('biws');
          expect(final?.[2]).toBe(l.clientNonce + l.serverNonce);
          expect(fromBase64(final?.[3] ?? '')).toHaveLength(l.v.bytes);
          expect(serverFinal).toMatch(/^v=/);
        }),
      );
    });
  });

  describe('.success and .challenge (server-final)', () => {
    it('when the server sends its correct v= (with any extensions), accepts it with <success/> or as a challenge', async () => {
      await fc.assert(
        fc.asyncProperty(
          login,
          fc.boolean(),
          fc.array(extension, { maxLength: 2 }),
          async (l, asChallenge, ext) => {
            const { session, serverFinal } = await runToClientFinal(l);
            const final = toBytes([serverFinal, ...ext].join(','));
            if (asChallenge) {
              session.challenge(final);
              expect(text(await session.response({ password: l.password }))).toBe('');
              session.success?.(null);
            } else {
              session.success?.(final);
            }
          },
        ),
      );
    });

    it('when v= is any other signature, refuses it with SB_SASL_SERVER_VERIFICATION_FAILED', async () => {
      const other = fc.oneof(
        fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('base64')),
        fc
          .string({ unit: unicodeChar, minLength: 1, maxLength: 48 })
          .map((s) => s.replaceAll(',', '')),
      );
      await fc.assert(
        fc.asyncProperty(login, other, fc.boolean(), async (l, signature, asChallenge) => {
          const { session, serverFinal } = await runToClientFinal(l);
          fc.pre(signature !== '' && `v=${signature}` !== serverFinal);
          const expected = fromBase64(serverFinal?.slice(2) ?? '');
          const given = fromBase64(signature);
          fc.pre(
            given === undefined ||
              Buffer.compare(Buffer.from(given), Buffer.from(expected ?? [])) !== 0,
          );
          const data = toBytes(`v=${signature}`);
          const error = errorOf(() =>
            asChallenge ? session.challenge(data) : session.success?.(data),
          );
          expect(SwitchboardError.is(error, 'SB_SASL_SERVER_VERIFICATION_FAILED')).toBe(true);
          expectNoSecret(error, l.password);
        }),
      );
    });

    it('when the server sends e=<value>, fails with SB_SASL_FAILURE carrying exactly that condition', async () => {
      await fc.assert(
        fc.asyncProperty(
          login,
          credential(1),
          fc.array(extension, { maxLength: 2 }),
          async (l, raw, ext) => {
            const condition = raw.replaceAll(',', '_');
            fc.pre(!condition.includes(l.password));
            const { session } = await runToClientFinal(l);
            const error = errorOf(() =>
              session.success?.(toBytes([`e=${condition}`, ...ext].join(','))),
            );
            expect(SwitchboardError.is(error, 'SB_SASL_FAILURE')).toBe(true);
            expect((error as SwitchboardError).details.condition).toBe(condition);
            expectNoSecret(error, l.password);
          },
        ),
      );
    });

    it('when any bytes arrive as the server-final, throws only a SASL code and never the password', async () => {
      const anyFinal = fc.oneof(
        fc.uint8Array({ maxLength: 96 }),
        fc.string({ unit: unicodeChar, maxLength: 64 }).map(toBytes),
        fc.string({ maxLength: 48 }).map((t) => toBytes(`v=${t}`)),
      );
      await fc.assert(
        fc.asyncProperty(login, anyFinal, fc.boolean(), async (l, data, asChallenge) => {
          fc.pre(!text(data).includes(l.password));
          const { session } = await runToClientFinal(l);
          const error = errorOf(() =>
            asChallenge ? session.challenge(data) : session.success?.(data),
          );
          expect(SwitchboardError.is(error)).toBe(true);
          expect(['SB_SASL_SERVER_VERIFICATION_FAILED', 'SB_SASL_FAILURE']).toContain(
            (error as SwitchboardError).code,
          );
          expectNoSecret(error, l.password);
        }),
      );
    });

    it('when a server sends any sequence of messages without knowing the password, success never passes', async () => {
      const step = fc.oneof(
        fc.constant({ kind: 'response' as const }),
        fc.uint8Array({ maxLength: 48 }).map((data) => ({ kind: 'challenge' as const, data })),
        fc
          .option(fc.uint8Array({ maxLength: 48 }), { nil: null })
          .map((data) => ({ kind: 'success' as const, data })),
        // a well-formed server-first for whatever nonce the client sent
        fc.constant({ kind: 'server-first' as const }),
      );
      await fc.assert(
        fc.asyncProperty(
          variant,
          password,
          fc.array(step, { maxLength: 6 }),
          async (v, secret, steps) => {
            const session: SaslMechanism = createScram(v.hash, {
              nonce: () => 'cn',
              ...LOW,
            }).create();
            for (const s of steps) {
              let outcome: unknown;
              try {
                if (s.kind === 'response')
                  await session.response({ username: 'u', password: secret });
                else if (s.kind === 'challenge') session.challenge(s.data);
                else if (s.kind === 'server-first') session.challenge(toBytes('r=cnsn,s=QUJD,i=2'));
                else {
                  session.success?.(s.data);
                  outcome = 'passed';
                }
              } catch (error) {
                outcome = error;
              }
              if (outcome === 'passed') throw new Error('success() passed without a correct v=');
              if (outcome === undefined) continue;
              expect(SwitchboardError.is(outcome)).toBe(true);
              expect((outcome as SwitchboardError).code).toMatch(/^SB_SASL_/);
              expectNoSecret(outcome, secret);
            }
          },
        ),
      );
    });
  });
});
