import { SwitchboardError } from '@switchboard/core';
import {
  createScram,
  scramSha1Plus,
  scramSha256,
  scramSha256Plus,
  scramSha512,
  scramSha512Plus,
} from './scram';
import { contextWith, runLogin, scramServer } from './scramServer.testkit';

const EXPORTER = new Uint8Array(32).fill(7);
const END_POINT = new Uint8Array(32).fill(9);
const pencil = { username: 'user', password: 'pencil' };

async function failure(promise: Promise<unknown>): Promise<SwitchboardError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (SwitchboardError.is(error)) return error;
  throw error;
}

function decodeC(clientFinal: string): Buffer {
  return Buffer.from(/^c=([^,]+)/.exec(clientFinal)?.[1] ?? '', 'base64');
}

describe('SCRAM -PLUS', () => {
  it('declares the three binding types, the password kind and the -PLUS name', () => {
    for (const [definition, name] of [
      [scramSha1Plus, 'SCRAM-SHA-1-PLUS'],
      [scramSha256Plus, 'SCRAM-SHA-256-PLUS'],
      [scramSha512Plus, 'SCRAM-SHA-512-PLUS'],
    ] as const) {
      expect(definition).toMatchObject({
        name,
        credentialKinds: ['password'],
        channelBindings: ['tls-exporter', 'tls-server-end-point', 'tls-unique'],
        redaction: 'all',
      });
      expect(definition.create().name).toBe(name);
    }
    expect(scramSha256.channelBindings).toBeUndefined();
  });

  it('when bound with tls-exporter, sends p=tls-exporter and c= carries header and binding data', async () => {
    const server = scramServer({
      algorithm: 'sha256',
      password: 'pencil',
      bindings: { 'tls-exporter': EXPORTER },
    });
    const context = contextWith({
      data: { 'tls-exporter': EXPORTER },
      offered: ['SCRAM-SHA-256-PLUS'],
    });
    const run = await runLogin(scramSha256Plus, server, pencil, context);
    expect(run.clientFirst).toMatch(/^p=tls-exporter,,n=user,r=/);
    expect(decodeC(run.clientFinal)).toEqual(
      Buffer.concat([Buffer.from('p=tls-exporter,,'), Buffer.from(EXPORTER)]),
    );
    expect(run.serverFinal).toMatch(/^v=/);
  });

  it('uses the first type of the context that it supports, and the authzid after it', async () => {
    const server = scramServer({
      algorithm: 'sha512',
      password: 'pencil',
      bindings: { 'tls-server-end-point': END_POINT },
    });
    const context = contextWith({
      data: { 'tls-server-end-point': END_POINT, 'tls-exporter': EXPORTER },
    });
    const run = await runLogin(scramSha512Plus, server, { ...pencil, authzid: 'ad,min' }, context);
    expect(run.clientFirst).toMatch(/^p=tls-server-end-point,a=ad=2Cmin,n=user,r=/);
    expect(run.serverFinal).toMatch(/^v=/);
  });

  it('when a type has no data on this connection, takes the next one', async () => {
    const server = scramServer({
      algorithm: 'sha1',
      password: 'pencil',
      bindings: { 'tls-unique': EXPORTER },
    });
    const context = contextWith({
      channelBindings: ['tls-exporter', 'tls-unique'],
      data: { 'tls-unique': EXPORTER },
    });
    const run = await runLogin(scramSha1Plus, server, pencil, context);
    expect(run.clientFirst).toMatch(/^p=tls-unique,,/);
  });

  it('when the connection cannot bind, fails with SB_SASL_PROTOCOL before sending anything', async () => {
    for (const context of [undefined, contextWith({})]) {
      const session = scramSha256Plus.create(context);
      const error = await failure(Promise.resolve(session.response(pencil)));
      expect(error.code).toBe('SB_SASL_PROTOCOL');
      expect(error.details).toEqual({
        mechanism: 'SCRAM-SHA-256-PLUS',
        reason: 'no-channel-binding',
      });
    }
  });

  it('when the server computes other binding data, its refusal says the login was bound and to what', async () => {
    const server = scramServer({
      algorithm: 'sha256',
      password: 'pencil',
      bindings: { 'tls-exporter': END_POINT },
    });
    const context = contextWith({ data: { 'tls-exporter': EXPORTER } });
    const error = await failure(runLogin(scramSha256Plus, server, pencil, context));
    expect(error.code).toBe('SB_SASL_FAILURE');
    expect(error.details).toMatchObject({
      mechanism: 'SCRAM-SHA-256-PLUS',
      condition: 'channel-bindings-dont-match',
      channelBinding: 'tls-exporter',
    });
    expect(error.message).toContain('nothing weaker was tried');
  });

  it('when the server answers <failure/>, failureDetails names the channel binding used', async () => {
    const session = scramSha256Plus.create(contextWith({ data: { 'tls-exporter': EXPORTER } }));
    await session.response(pencil);
    expect(session.failureDetails?.()).toEqual({ channelBinding: 'tls-exporter' });
  });
});

describe('SCRAM without -PLUS', () => {
  const server = () => scramServer({ algorithm: 'sha256', password: 'pencil' });

  it('when the connection could bind but the server offered no -PLUS, sends y,, (and c=eSws)', async () => {
    const context = contextWith({
      data: { 'tls-exporter': EXPORTER },
      offered: ['SCRAM-SHA-256', 'PLAIN'],
    });
    const run = await runLogin(scramSha256, server(), pencil, context);
    expect(run.clientFirst).toMatch(/^y,,n=user,r=/);
    expect(run.clientFinal).toMatch(/^c=eSws,r=/);
    expect(run.serverFinal).toMatch(/^v=/);
  });

  it('when a server that binds sees y, it refuses: the downgrade is caught', async () => {
    const binding = scramServer({
      algorithm: 'sha256',
      password: 'pencil',
      bindings: { 'tls-exporter': EXPORTER },
    });
    const context = contextWith({ data: { 'tls-exporter': EXPORTER }, offered: ['SCRAM-SHA-256'] });
    const error = await failure(runLogin(scramSha256, binding, pencil, context));
    expect(error.details).toMatchObject({ condition: 'server-does-support-channel-binding' });
  });

  it('when the server offered a -PLUS mechanism, sends n,, (the client chose not to bind)', async () => {
    const context = contextWith({
      data: { 'tls-exporter': EXPORTER },
      offered: ['SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256'],
    });
    const run = await runLogin(scramSha256, server(), { ...pencil, authzid: 'admin' }, context);
    expect(run.clientFirst).toMatch(/^n,a=admin,n=user,r=/);
  });

  it('when the connection cannot bind, or there is no context, sends n,,', async () => {
    for (const context of [contextWith({ offered: ['SCRAM-SHA-256'] }), undefined]) {
      const run = await runLogin(scramSha256, server(), pencil, context);
      expect(run.clientFirst).toMatch(/^n,,n=user,r=/);
      expect(run.clientFinal).toMatch(/^c=biws,r=/);
    }
  });

  it('after n,, has no failure details to add; after y,, says it sent y', async () => {
    const plain = scramSha256.create(contextWith({ offered: ['SCRAM-SHA-256'] }));
    await plain.response(pencil);
    expect(plain.failureDetails?.()).toBeUndefined();
    const signalled = scramSha256.create(
      contextWith({ data: { 'tls-exporter': EXPORTER }, offered: ['SCRAM-SHA-256'] }),
    );
    await signalled.response(pencil);
    expect(signalled.failureDetails?.()).toEqual({ gs2Flag: 'y' });
  });
});

describe('SCRAM-SHA-512', () => {
  it('logs in against an independent SHA-512 server and verifies its signature', async () => {
    const server = scramServer({ algorithm: 'sha512', password: 'pencil', iterations: 10_000 });
    const run = await runLogin(scramSha512, server, pencil);
    expect(run.clientFirst).toMatch(/^n,,n=user,r=/);
    // A 64-byte proof: SHA-512 was used end to end.
    expect(Buffer.from(run.clientFinal.split(',p=')[1] ?? '', 'base64')).toHaveLength(64);
    expect(run.serverFinal).toMatch(/^v=/);
  });

  it('when the server signs wrongly, fails verification', async () => {
    const server = scramServer({ algorithm: 'sha512', password: 'pencil' });
    const session = scramSha512.create();
    const clientFirst = String(await session.response(pencil));
    await session.challenge(new TextEncoder().encode(server.first(clientFirst)));
    await session.response(pencil);
    const error = await failure(
      Promise.resolve().then(() =>
        session.success?.(new TextEncoder().encode(`v=${'A'.repeat(86)}==`)),
      ),
    );
    expect(error.code).toBe('SB_SASL_SERVER_VERIFICATION_FAILED');
  });

  it('refuses an unknown hash and an empty binding list', () => {
    expect(() => createScram('MD5' as 'SHA-1')).toThrow(
      expect.objectContaining({ code: 'SB_CONFIG_INVALID', details: { field: 'hash' } }),
    );
    expect(() => createScram('SHA-256', { channelBindings: [] })).toThrow(
      expect.objectContaining({ code: 'SB_CONFIG_INVALID', details: { field: 'channelBindings' } }),
    );
  });
});
