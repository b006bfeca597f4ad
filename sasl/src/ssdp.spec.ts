import { createHash } from 'node:crypto';
import { SwitchboardError, toBytes } from '@switchboard/core';
import { scramSha1, scramSha256 } from './scram';
import { contextWith, runLogin, scramServer } from './scramServer.testkit';
import { ssdpString } from './ssdp';

const PROSODY_OFFER = [
  'SCRAM-SHA-1',
  'SCRAM-SHA-1-PLUS',
  'SCRAM-SHA-256',
  'SCRAM-SHA-256-PLUS',
  'PLAIN',
];
const pencil = { username: 'user', password: 'pencil' };

/** What Prosody's mod_sasl_ssdp appends, computed here on node:crypto. */
function h(algorithm: 'sha1' | 'sha256', text: string): string {
  return `h=${createHash(algorithm).update(text, 'utf8').digest('base64')}`;
}

async function failure(promise: Promise<unknown>): Promise<SwitchboardError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (SwitchboardError.is(error)) return error;
  throw error;
}

describe(ssdpString, () => {
  it('sorts the mechanisms in byte order and joins them with 0x1E', () => {
    expect(ssdpString(['SCRAM-SHA-256', 'PLAIN', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-1'])).toBe(
      'PLAIN\u001eSCRAM-SHA-1\u001eSCRAM-SHA-1-PLUS\u001eSCRAM-SHA-256',
    );
  });

  it('appends 0x1F and the sorted binding types when the server advertised some', () => {
    expect(ssdpString(['SCRAM-SHA-1', 'PLAIN'], ['tls-server-end-point', 'tls-exporter'])).toBe(
      'PLAIN\u001eSCRAM-SHA-1\u001ftls-exporter\u001etls-server-end-point',
    );
  });

  it('adds nothing for an absent or empty binding list, and counts a repeated name once', () => {
    expect(ssdpString(['PLAIN', 'PLAIN'], [])).toBe('PLAIN');
    expect(ssdpString(['PLAIN'])).toBe('PLAIN');
  });

  it('orders by bytes, not by locale: upper case before lower case, "-" before letters', () => {
    expect(ssdpString(['b', 'B', 'A-B', 'AB'])).toBe('A-B\u001eAB\u001eB\u001eb');
  });
});

describe('SCRAM with XEP-0474 h=', () => {
  const bindings = ['tls-exporter', 'tls-server-end-point'];
  const expected = ssdpString(PROSODY_OFFER, bindings);

  it('when h= matches what the client saw offered, the login completes', async () => {
    const server = scramServer({
      algorithm: 'sha256',
      password: 'pencil',
      extension: h('sha256', expected),
    });
    const context = contextWith({ offered: PROSODY_OFFER, serverChannelBindings: bindings });
    const run = await runLogin(scramSha256, server, pencil, context);
    expect(run.serverFinal).toMatch(/^v=/);
  });

  it('hashes with the mechanism hash: SHA-1 for SCRAM-SHA-1', async () => {
    const server = scramServer({
      algorithm: 'sha1',
      password: 'pencil',
      extension: h('sha1', expected),
    });
    const context = contextWith({ offered: PROSODY_OFFER, serverChannelBindings: bindings });
    await expect(runLogin(scramSha1, server, pencil, context)).resolves.toBeDefined();
  });

  it('when someone stripped -PLUS from the offer, fails with SB_SASL_DOWNGRADE and sends no proof', async () => {
    const server = scramServer({
      algorithm: 'sha256',
      password: 'pencil',
      extension: h('sha256', expected),
    });
    const stripped = PROSODY_OFFER.filter((m) => !m.endsWith('-PLUS'));
    const session = scramSha256.create(contextWith({ offered: stripped }));
    const clientFirst = String(await session.response(pencil));
    await session.challenge(toBytes(server.first(clientFirst)));
    const error = await failure(Promise.resolve(session.response(pencil)));
    expect(error.code).toBe('SB_SASL_DOWNGRADE');
    expect(error.details).toEqual({
      mechanism: 'SCRAM-SHA-256',
      reason: 'ssdp-mismatch',
      offered: stripped,
    });
    // The exchange is over: no client-final can follow.
    expect((await failure(Promise.resolve(session.response(pencil)))).code).toBe(
      'SB_SASL_PROTOCOL',
    );
  });

  it('when someone stripped the binding list, fails too', async () => {
    const server = scramServer({
      algorithm: 'sha256',
      password: 'pencil',
      extension: h('sha256', expected),
    });
    const context = contextWith({ offered: PROSODY_OFFER });
    const error = await failure(runLogin(scramSha256, server, pencil, context));
    expect(error.code).toBe('SB_SASL_DOWNGRADE');
  });

  it('when h= is not even base64, it does not match: SB_SASL_DOWNGRADE', async () => {
    const server = scramServer({ algorithm: 'sha256', password: 'pencil', extension: 'h=%%%' });
    const context = contextWith({ offered: PROSODY_OFFER, serverChannelBindings: bindings });
    const error = await failure(runLogin(scramSha256, server, pencil, context));
    expect(error.code).toBe('SB_SASL_DOWNGRADE');
  });

  it('with an empty offer (an IRC server that listed nothing), h= is not checked', async () => {
    const server = scramServer({ algorithm: 'sha256', password: 'pencil', extension: 'h=AAAA' });
    await expect(runLogin(scramSha256, server, pencil, contextWith({}))).resolves.toBeDefined();
  });

  it('without a context (no offer known), h= is not checked', async () => {
    const server = scramServer({ algorithm: 'sha256', password: 'pencil', extension: 'h=AAAA' });
    await expect(runLogin(scramSha256, server, pencil)).resolves.toBeDefined();
  });
});
