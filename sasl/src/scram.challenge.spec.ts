import { type SwitchboardError, toBytes } from '@switchboard/core';
import { scramSha256 } from './scram';
import {
  caught,
  expectNoSecret,
  fixedNonce,
  pencil,
  RFC7677,
  rejected,
  SECRET,
  toClientFinal,
} from './scram.testkit';

describe('scramSha256', () => {
  describe('.challenge', () => {
    async function challengeError(serverFirst: string | Uint8Array): Promise<SwitchboardError> {
      const session = fixedNonce('SHA-256', RFC7677.nonce).create();
      await session.response({ username: 'user', password: SECRET });
      return caught(() => session.challenge(toBytes(serverFirst)));
    }

    const n = `${RFC7677.nonce}srv`;
    const malformed: ReadonlyArray<[string, string | Uint8Array, string]> = [
      ['s is missing', `r=${n},i=4096`, 'syntax'],
      ['i is not numeric', `r=${n},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4k96`, 'iterations'],
      ['i is zero', `r=${n},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0`, 'iterations'],
      ['i is negative', `r=${n},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=-4096`, 'iterations'],
      [
        'i is below minIterations (4096)',
        `r=${n},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4095`,
        'iterations-too-low',
      ],
      [
        'i is above maxIterations (1,000,000)',
        `r=${n},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1000001`,
        'iterations-too-high',
      ],
      ['the bytes are not UTF-8', new Uint8Array([0xff, 0xfe, 0x00, ...toBytes(SECRET)]), 'syntax'],
      ['the text is not an attribute list', `garbage ${SECRET}`, 'syntax'],
      ['the salt is not base64', `r=${n},s=${SECRET},i=4096`, 'salt'],
      ['the salt is empty', `r=${n},s=,i=4096`, 'syntax'],
      ['the attributes are out of order', `s=W22ZaJ0SNY7soEsUEjb6gQ==,r=${n},i=4096`, 'syntax'],
      ['an attribute repeats', `r=${n},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,s=${SECRET}`, 'syntax'],
      [
        'a mandatory extension m= is present',
        `m=${SECRET},r=${n},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096`,
        'mandatory-extension',
      ],
      ['the challenge is empty', '', 'syntax'],
      ['the message starts with a BOM', `\ufeffr=${n},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096`, 'syntax'],
    ];

    it.each(malformed)(
      'when %s, fails with SB_SASL_MALFORMED_CHALLENGE and no secret',
      async (_, challenge, reason) => {
        const error = await challengeError(challenge);
        expect(error.code).toBe('SB_SASL_MALFORMED_CHALLENGE');
        expect(error.details).toEqual({ mechanism: 'SCRAM-SHA-256', reason });
        expectNoSecret(error, SECRET);
      },
    );

    it('when the server nonce does not extend the client nonce, refuses it', async () => {
      for (const nonce of [
        'XOprNGfwEbeRWgbNEkqO%hvYDpWUa2',
        RFC7677.nonce,
        `${RFC7677.nonce}a,b`,
      ]) {
        const error = await challengeError(`r=${nonce},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096`);
        expect(error.code).toBe('SB_SASL_MALFORMED_CHALLENGE');
        expect(error.details.reason).toBe(nonce.includes(',') ? 'syntax' : 'nonce-mismatch');
      }
    });

    it('when unknown optional extensions follow i, ignores them', async () => {
      const { clientFinal } = await toClientFinal(
        fixedNonce('SHA-256', RFC7677.nonce),
        pencil,
        `${RFC7677.serverFirst},x=future`,
      );
      expect(clientFinal).toMatch(
        /^c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj\)hNlF\$k0,p=/,
      );
    });

    it('when a challenge fails, the session refuses to continue', async () => {
      const session = fixedNonce('SHA-256', RFC7677.nonce).create();
      await session.response(pencil);
      expect(() => session.challenge(toBytes('x'))).toThrow();
      const error = await rejected(Promise.resolve().then(() => session.response(pencil)));
      expect(error.code).toBe('SB_SASL_PROTOCOL');
    });

    it('when a challenge arrives before the client-first, fails with SB_SASL_PROTOCOL', () => {
      const error = caught(() => scramSha256.create().challenge(toBytes(RFC7677.serverFirst)));
      expect(error.code).toBe('SB_SASL_PROTOCOL');
    });

    it('when v= arrives as a challenge, verifies it, answers empty, and a later success(null) passes', async () => {
      const { session } = await toClientFinal(
        fixedNonce('SHA-256', RFC7677.nonce),
        pencil,
        RFC7677.serverFirst,
      );
      expect(() => session.challenge(toBytes(RFC7677.serverFinal))).not.toThrow();
      expect(toBytes((await session.response(pencil)) ?? 'x')).toHaveLength(0);
      expect(() => session.success?.(null)).not.toThrow();
    });

    it('when a tampered v= arrives as a challenge, fails with SB_SASL_SERVER_VERIFICATION_FAILED', async () => {
      const { session } = await toClientFinal(
        fixedNonce('SHA-256', RFC7677.nonce),
        pencil,
        RFC7677.serverFirst,
      );
      const error = caught(() =>
        session.challenge(toBytes(RFC7677.serverFinal.replace('v=6', 'v=7'))),
      );
      expect(error.code).toBe('SB_SASL_SERVER_VERIFICATION_FAILED');
    });
  });
});
