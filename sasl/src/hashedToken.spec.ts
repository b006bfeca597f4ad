import { createHmac } from 'node:crypto';
import { SwitchboardError } from '@switchboard/core';
import {
  createHashedToken,
  htSha256Endp,
  htSha256Expr,
  htSha256None,
  htSha256Uniq,
} from './hashedToken';
import { contextWith } from './scramServer.testkit';

const TOKEN = 'secret-token:fast-NEVER-SHOWN';
const credentials = { username: 'user', fastToken: TOKEN };
const EXPORTER = Buffer.alloc(32, 5);

/** What Prosody's mod_sasl2_fast computes, on node:crypto. */
function hmac(label: string, cb: Buffer = Buffer.alloc(0)): Buffer {
  return createHmac('sha256', TOKEN)
    .update(Buffer.concat([Buffer.from(label), cb]))
    .digest();
}

async function failure(run: () => unknown): Promise<SwitchboardError> {
  const error = await Promise.resolve()
    .then(run)
    .then(
      () => new Error('expected a rejection'),
      (e: unknown) => e,
    );
  if (SwitchboardError.is(error)) return error;
  throw error;
}

describe('HT-SHA-256', () => {
  it('declares the four variants with their channel binding and the fast-token kind', () => {
    expect(
      [htSha256None, htSha256Uniq, htSha256Endp, htSha256Expr].map((d) => [
        d.name,
        d.channelBindings,
      ]),
    ).toEqual([
      ['HT-SHA-256-NONE', undefined],
      ['HT-SHA-256-UNIQ', ['tls-unique']],
      ['HT-SHA-256-ENDP', ['tls-server-end-point']],
      ['HT-SHA-256-EXPR', ['tls-exporter']],
    ]);
    expect(htSha256Expr).toMatchObject({
      clientFirst: true,
      credentialKinds: ['fast-token'],
      redaction: 'all',
    });
  });

  it('NONE sends username, NUL and HMAC(token, "Initiator"), and accepts HMAC(token, "Responder")', async () => {
    const session = htSha256None.create();
    const message = Buffer.from((await session.response(credentials)) as Uint8Array);
    expect(message).toEqual(Buffer.concat([Buffer.from('user\0'), hmac('Initiator')]));
    await expect(Promise.resolve(session.success?.(hmac('Responder')))).resolves.toBeUndefined();
  });

  it('EXPR hashes the tls-exporter data after the label, both ways', async () => {
    const session = htSha256Expr.create(contextWith({ data: { 'tls-exporter': EXPORTER } }));
    const message = Buffer.from((await session.response(credentials)) as Uint8Array);
    expect(message.subarray(5)).toEqual(hmac('Initiator', EXPORTER));
    await session.success?.(hmac('Responder', EXPORTER));
  });

  it('ENDP and UNIQ take their own binding type from the context', async () => {
    const endPoint = Buffer.alloc(32, 6);
    const unique = Buffer.alloc(12, 7);
    const context = contextWith({
      data: { 'tls-server-end-point': endPoint, 'tls-unique': unique },
    });
    const endp = Buffer.from(
      (await htSha256Endp.create(context).response(credentials)) as Uint8Array,
    );
    const uniq = Buffer.from(
      (await htSha256Uniq.create(context).response(credentials)) as Uint8Array,
    );
    expect(endp.subarray(5)).toEqual(hmac('Initiator', endPoint));
    expect(uniq.subarray(5)).toEqual(hmac('Initiator', unique));
  });

  it('when the server answers with a wrong or no responder hash, fails verification', async () => {
    for (const answer of [hmac('Responder', EXPORTER), null, new Uint8Array(0)]) {
      const session = htSha256None.create();
      await session.response(credentials);
      const error = await failure(() => session.success?.(answer));
      expect(error.code).toBe('SB_SASL_SERVER_VERIFICATION_FAILED');
      expect(error.message).not.toContain(TOKEN);
    }
  });

  it('when the connection lacks the binding, fails before sending anything', async () => {
    const error = await failure(() => htSha256Expr.create(contextWith({})).response(credentials));
    expect(error.code).toBe('SB_SASL_PROTOCOL');
    expect(error.details).toEqual({ mechanism: 'HT-SHA-256-EXPR', reason: 'no-channel-binding' });
  });

  it('when the token or username is missing, says which field, never a value', async () => {
    const error = await failure(() => htSha256None.create().response({ username: 'user' }));
    expect(error.code).toBe('SB_CONFIG_INVALID');
    expect(error.details).toEqual({ mechanism: 'HT-SHA-256-NONE', field: 'fastToken' });
  });

  it('refuses a challenge and a second response', async () => {
    const session = createHashedToken('NONE').create();
    await session.response(credentials);
    expect((await failure(() => session.response(credentials))).code).toBe('SB_SASL_PROTOCOL');
    expect((await failure(() => session.challenge(new Uint8Array(1)))).code).toBe(
      'SB_SASL_PROTOCOL',
    );
  });

  it('names its channel binding in failure details (EXPR) and nothing for NONE', () => {
    expect(htSha256Expr.create().failureDetails?.()).toEqual({ channelBinding: 'tls-exporter' });
    expect(htSha256None.create().failureDetails?.()).toBeUndefined();
  });
});
