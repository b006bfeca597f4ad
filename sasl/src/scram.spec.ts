import { type SaslMechanism, toBytes } from '@switchboard/core';
import { createScram, scramSha1, scramSha256 } from './scram';
import {
  caught,
  expectNoSecret,
  fixedNonce,
  nodeServer,
  pencil,
  RFC5802,
  RFC7677,
  rejected,
  text,
  toClientFinal,
} from './scram.testkit';

describe('scramSha256', () => {
  it('when registered, is SCRAM-SHA-256, client-first, password-only and TLS-only', () => {
    expect(scramSha256).toMatchObject({
      name: 'SCRAM-SHA-256',
      clientFirst: true,
      credentialKinds: ['password'],
    });
    expect(scramSha256.allowInsecure).toBeUndefined();
    expect(scramSha256.create().name).toBe('SCRAM-SHA-256');
  });

  describe('.response', () => {
    it('when starting the RFC 7677 example, sends the exact client-first message', async () => {
      const session = fixedNonce('SHA-256', RFC7677.nonce).create();
      expect(text(await session.response(pencil))).toBe(RFC7677.clientFirst);
    });

    it('when answering the RFC 7677 server-first, sends the exact client-final with the proof', async () => {
      const { clientFinal } = await toClientFinal(
        fixedNonce('SHA-256', RFC7677.nonce),
        pencil,
        RFC7677.serverFirst,
      );
      expect(clientFinal).toBe(RFC7677.clientFinal);
    });

    it('when the username and password have compatibility characters, prepares them with SASLprep (NFKC)', async () => {
      const fullwidth = { username: 'ｕｓｅｒ', password: 'ｐｅｎｃｉｌ' };
      const { clientFirst, clientFinal } = await toClientFinal(
        fixedNonce('SHA-256', RFC7677.nonce),
        fullwidth,
        RFC7677.serverFirst,
      );
      expect(clientFirst).toBe(RFC7677.clientFirst);
      expect(clientFinal).toBe(RFC7677.clientFinal);
    });

    it('when the password has a soft hyphen and a non-ASCII space, the proof is that of the SASLprep result', async () => {
      const serverFirst = 'r=abc123xyz,s=QSXCR+Q6sek8bf92,i=4096';
      const { clientFinal, clientFirst } = await toClientFinal(
        fixedNonce('SHA-256', 'abc123'),
        { username: 'user', password: 'pen\u00ADcil\u00A0case' },
        serverFirst,
      );
      const salt = Buffer.from('QSXCR+Q6sek8bf92', 'base64');
      const server = nodeServer('sha256', 'pencil case', salt, 4096);
      expect(server.verify(clientFirst, serverFirst, clientFinal)).toMatch(/^v=/);
    });

    it.each([
      ['password', { username: 'user', password: 'pen\u0007cil' }, 'prohibited'],
      ['password', { username: 'user', password: '\u00AD' }, 'empty'],
      ['username', { username: 'us\uE000er', password: 'pencil' }, 'prohibited'],
      ['authzid', { username: 'user', password: 'pencil', authzid: '\u0627a' }, 'bidirectional'],
    ])(
      'when the %s is refused by SASLprep, fails with SB_CONFIG_INVALID before sending anything',
      async (field, credentials, reason) => {
        const session = scramSha256.create();
        const error = await rejected(Promise.resolve().then(() => session.response(credentials)));
        expect(error).toMatchObject({
          code: 'SB_CONFIG_INVALID',
          details: { mechanism: 'SCRAM-SHA-256', field, reason },
        });
        expectNoSecret(error, 'pen\u0007cil');
      },
    );

    it('when the username contains "=" and ",", escapes them as =3D and =2C and the proof still verifies', async () => {
      const credentials = { username: 'a=b,c', password: 'pencil' };
      const serverFirst = 'r=abc123xyz,s=QSXCR+Q6sek8bf92,i=4096';
      const { clientFirst, clientFinal } = await toClientFinal(
        fixedNonce('SHA-256', 'abc123'),
        credentials,
        serverFirst,
      );
      expect(clientFirst).toBe('n,,n=a=3Db=2Cc,r=abc123');
      const server = nodeServer(
        'sha256',
        'pencil',
        Buffer.from('QSXCR+Q6sek8bf92', 'base64'),
        4096,
      );
      expect(server.verify(clientFirst, serverFirst, clientFinal)).toMatch(/^v=/);
    });

    it('when an authzid is given, sends it as a= and repeats the same gs2 header in c=', async () => {
      const credentials = { username: 'user', password: 'pencil', authzid: 'admin,1' };
      const serverFirst = 'r=nonce1server,s=QSXCR+Q6sek8bf92,i=4096';
      const { session, clientFirst, clientFinal } = await toClientFinal(
        fixedNonce('SHA-256', 'nonce1'),
        credentials,
        serverFirst,
      );
      expect(clientFirst).toBe('n,a=admin=2C1,n=user,r=nonce1');
      expect(
        clientFinal.startsWith(
          `c=${Buffer.from('n,a=admin=2C1,').toString('base64')},r=nonce1server,p=`,
        ),
      ).toBe(true);
      const server = nodeServer(
        'sha256',
        'pencil',
        Buffer.from('QSXCR+Q6sek8bf92', 'base64'),
        4096,
      );
      const serverFinal = server.verify(clientFirst, serverFirst, clientFinal);
      expect(serverFinal).toBeDefined();
      expect(() => session.success?.(toBytes(serverFinal ?? ''))).not.toThrow();
    });

    it('when no nonce is injected, sends a fresh random printable nonce per login', async () => {
      const nonces = await Promise.all(
        [1, 2].map(async () => text(await scramSha256.create().response(pencil)).split(',r=')[1]),
      );
      for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/=]{24}$/);
      expect(nonces[0]).not.toBe(nonces[1]);
    });

    it('when the password is missing, fails with SB_CONFIG_INVALID before sending anything', async () => {
      const session = scramSha256.create();
      const error = await rejected(
        Promise.resolve().then(() => session.response({ username: 'user' })),
      );
      expect(error.code).toBe('SB_CONFIG_INVALID');
      expect(error.details).toEqual({ mechanism: 'SCRAM-SHA-256', field: 'password' });
    });

    it('when called again before the server-first, fails with SB_SASL_PROTOCOL', async () => {
      const session = scramSha256.create();
      await session.response(pencil);
      const error = await rejected(Promise.resolve().then(() => session.response(pencil)));
      expect(error.code).toBe('SB_SASL_PROTOCOL');
    });
  });

  describe('.success', () => {
    async function afterClientFinal(): Promise<SaslMechanism> {
      return (
        await toClientFinal(fixedNonce('SHA-256', RFC7677.nonce), pencil, RFC7677.serverFirst)
      ).session;
    }

    it('when v= is the RFC 7677 server signature, accepts it', async () => {
      const session = await afterClientFinal();
      expect(() => session.success?.(toBytes(RFC7677.serverFinal))).not.toThrow();
    });

    it('when v= is tampered, fails with SB_SASL_SERVER_VERIFICATION_FAILED', async () => {
      const tampered = [
        'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95H4=',
        'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5n',
        'v=!!',
      ];
      for (const serverFinal of tampered) {
        const session = await afterClientFinal();
        const error = caught(() => session.success?.(toBytes(serverFinal)));
        expect(error.code).toBe('SB_SASL_SERVER_VERIFICATION_FAILED');
        expect(error.details).toEqual({ mechanism: 'SCRAM-SHA-256', reason: 'mismatch' });
      }
    });

    it('when v= is missing or there is no data, fails with SB_SASL_SERVER_VERIFICATION_FAILED', async () => {
      for (const data of [
        null,
        new Uint8Array(0),
        toBytes('x=other'),
        new Uint8Array([0xff, 0x00]),
      ]) {
        const session = await afterClientFinal();
        expect(caught(() => session.success?.(data)).code).toBe(
          'SB_SASL_SERVER_VERIFICATION_FAILED',
        );
      }
    });

    it('when the server-final carries e=, fails with SB_SASL_FAILURE and the condition', async () => {
      const session = await afterClientFinal();
      const error = caught(() => session.success?.(toBytes('e=invalid-proof')));
      expect(error.code).toBe('SB_SASL_FAILURE');
      expect(error.details.condition).toBe('invalid-proof');
    });

    it('when success comes before the server could prove anything, fails with SB_SASL_SERVER_VERIFICATION_FAILED', async () => {
      const fresh = scramSha256.create();
      expect(caught(() => fresh.success?.(null)).code).toBe('SB_SASL_SERVER_VERIFICATION_FAILED');
      const started = fixedNonce('SHA-256', RFC7677.nonce).create();
      await started.response(pencil);
      await started.challenge(toBytes(RFC7677.serverFirst));
      expect(caught(() => started.success?.(toBytes(RFC7677.serverFinal))).code).toBe(
        'SB_SASL_SERVER_VERIFICATION_FAILED',
      );
    });

    it('when v= was verified as a challenge and success repeats a different v=, rejects it', async () => {
      const session = await afterClientFinal();
      session.challenge(toBytes(RFC7677.serverFinal));
      await session.response(pencil);
      const error = caught(() => session.success?.(toBytes('v=rmF9pqV8S7suAoZWja4dJRkFsKQ=')));
      expect(error.code).toBe('SB_SASL_SERVER_VERIFICATION_FAILED');
    });
  });
});

describe('scramSha1', () => {
  it('when registered, is SCRAM-SHA-1', () => {
    expect(scramSha1).toMatchObject({
      name: 'SCRAM-SHA-1',
      clientFirst: true,
      credentialKinds: ['password'],
    });
  });

  describe('.response', () => {
    it('when running the RFC 5802 example, sends the exact client-first and client-final with the proof', async () => {
      const { clientFirst, clientFinal } = await toClientFinal(
        fixedNonce('SHA-1', RFC5802.nonce),
        pencil,
        RFC5802.serverFirst,
      );
      expect(clientFirst).toBe(RFC5802.clientFirst);
      expect(clientFinal).toBe(RFC5802.clientFinal);
    });
  });

  describe('.success', () => {
    it('when v= is the RFC 5802 server signature, accepts it; a tampered one is rejected', async () => {
      const good = await toClientFinal(
        fixedNonce('SHA-1', RFC5802.nonce),
        pencil,
        RFC5802.serverFirst,
      );
      expect(() => good.session.success?.(toBytes(RFC5802.serverFinal))).not.toThrow();
      const bad = await toClientFinal(
        fixedNonce('SHA-1', RFC5802.nonce),
        pencil,
        RFC5802.serverFirst,
      );
      const error = caught(() => bad.session.success?.(toBytes('v=rmF9pqV8S7suAoZWja4dJRkFsKP=')));
      expect(error.code).toBe('SB_SASL_SERVER_VERIFICATION_FAILED');
    });
  });

  describe('.challenge', () => {
    it('when the server nonce does not extend the client nonce, fails with SB_SASL_MALFORMED_CHALLENGE', async () => {
      const session = fixedNonce('SHA-1', RFC5802.nonce).create();
      await session.response(pencil);
      const error = caught(() =>
        session.challenge(toBytes('r=3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096')),
      );
      expect(error.code).toBe('SB_SASL_MALFORMED_CHALLENGE');
      expect(error.details.reason).toBe('nonce-mismatch');
    });
  });
});

describe(createScram, () => {
  describe('.create', () => {
    it('when minIterations is lowered, accepts a low count and a node:crypto server accepts the proof', async () => {
      const serverFirst = 'r=abcdefXYZ,s=c2FsdA==,i=1';
      const definition = createScram('SHA-1', { nonce: () => 'abcdef', minIterations: 1 });
      const { session, clientFirst, clientFinal } = await toClientFinal(
        definition,
        pencil,
        serverFirst,
      );
      const serverFinal = nodeServer('sha1', 'pencil', Buffer.from('salt'), 1).verify(
        clientFirst,
        serverFirst,
        clientFinal,
      );
      expect(serverFinal).toBeDefined();
      expect(() => session.success?.(toBytes(serverFinal ?? ''))).not.toThrow();
    });

    it('when the injected nonce contains ",", fails with SB_CONFIG_INVALID', async () => {
      const session = createScram('SHA-256', { nonce: () => 'a,b' }).create();
      const error = await rejected(Promise.resolve().then(() => session.response(pencil)));
      expect(error.code).toBe('SB_CONFIG_INVALID');
    });
  });

  it('when the options or the hash are invalid, fails with SB_CONFIG_INVALID', () => {
    expect(caught(() => createScram('SHA-256', { minIterations: 0 })).code).toBe(
      'SB_CONFIG_INVALID',
    );
    expect(
      caught(() => createScram('SHA-256', { minIterations: 5000, maxIterations: 4096 })).code,
    ).toBe('SB_CONFIG_INVALID');
    expect(caught(() => createScram('MD5' as 'SHA-1')).code).toBe('SB_CONFIG_INVALID');
  });
});
