import { SwitchboardError } from '@switchboard/core';
import { errorOf } from '@switchboard/testing/property';
import fc from 'fast-check';
import { AuthenticateAssembler, authenticateChunks } from './authenticateChunks';

const base64Of = (length: number): string => 'QUJD'.repeat(Math.ceil(length / 4)).slice(0, length);

describe(authenticateChunks, () => {
  it('when the data is empty, sends +', () => {
    expect(authenticateChunks('')).toEqual(['+']);
  });

  it('when the data is under 400 bytes, sends it in one parameter', () => {
    expect(authenticateChunks('AGZvbwBiYXI=')).toEqual(['AGZvbwBiYXI=']);
  });

  it('when the data is 400 bytes or a multiple, follows the last full chunk with +', () => {
    expect(authenticateChunks(base64Of(400))).toEqual([base64Of(400), '+']);
    expect(authenticateChunks(base64Of(800))).toEqual([base64Of(400), base64Of(400), '+']);
  });

  it('when the data is longer, cuts it in 400-byte chunks and a shorter last one', () => {
    const chunks = authenticateChunks(base64Of(1000));
    expect(chunks.map((c) => c.length)).toEqual([400, 400, 200]);
  });
});

describe(AuthenticateAssembler, () => {
  it('when the server sends + alone, gives empty data', () => {
    expect(new AuthenticateAssembler().push('+')).toBe('');
  });

  it('when the server sends full chunks, waits for the short one or +', () => {
    const assembler = new AuthenticateAssembler();
    expect(assembler.push(base64Of(400))).toBeUndefined();
    expect(assembler.push('+')).toBe(base64Of(400));
    expect(assembler.push(base64Of(400))).toBeUndefined();
    expect(assembler.push(base64Of(4))).toBe(base64Of(404));
  });

  it('when chunked and assembled again, any base64 data is the same', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (data) => {
        const base64 = Buffer.from(data).toString('base64');
        const assembler = new AuthenticateAssembler();
        const results = authenticateChunks(base64).map((chunk) => assembler.push(chunk));
        expect(results.at(-1)).toBe(base64);
        expect(results.slice(0, -1).every((r) => r === undefined)).toBe(true);
      }),
    );
  });

  it.each([
    ['a chunk over 400 bytes', [base64Of(404)], 'SB_SASL_PROTOCOL', 'chunk-too-long'],
    [
      'more than the limit',
      [base64Of(400), base64Of(400)],
      'SB_SASL_PROTOCOL',
      'challenge-too-long',
    ],
    ['characters outside base64', ['ab*d'], 'SB_SASL_MALFORMED_CHALLENGE', 'not-base64'],
    ['a length that is not a multiple of 4', ['abc'], 'SB_SASL_MALFORMED_CHALLENGE', 'not-base64'],
    ['padding in the middle', ['ab==cd=='], 'SB_SASL_MALFORMED_CHALLENGE', 'not-base64'],
  ])('when the server sends %s, throws %s', (_, params, code, reason) => {
    const assembler = new AuthenticateAssembler(600);
    const error = errorOf(() => {
      for (const param of params) assembler.push(param);
    });
    expect(SwitchboardError.is(error, code as 'SB_SASL_PROTOCOL')).toBe(true);
    expect((error as SwitchboardError).details.reason).toBe(reason);
  });
});
