import { SwitchboardError } from '@switchboard/core';
import { saslPrep } from './saslPrep';

const prep = (text: string): Promise<string> => saslPrep(text, 'password', 'SCRAM-SHA-256');

async function refusal(text: string): Promise<SwitchboardError> {
  const error = await prep(text).then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (SwitchboardError.is(error)) return error;
  throw error;
}

describe(saslPrep, () => {
  describe('RFC 4013 §3 examples', () => {
    it.each([
      ['I\u00ADX', 'IX', 'SOFT HYPHEN mapped to nothing'],
      ['user', 'user', 'no transformation'],
      ['USER', 'USER', 'case preserved'],
      ['\u00AA', 'a', 'output is NFKC'],
      ['\u2168', 'IX', 'output is NFKC'],
    ])('when given %j, gives %j (%s)', async (input, output) => {
      await expect(prep(input)).resolves.toBe(output);
    });

    it('when given U+0007, refuses it as a prohibited character', async () => {
      expect(await refusal('\u0007')).toMatchObject({
        code: 'SB_CONFIG_INVALID',
        details: { mechanism: 'SCRAM-SHA-256', field: 'password', reason: 'prohibited' },
      });
    });

    it('when given U+0627 U+0031, refuses it in the bidirectional check', async () => {
      expect(await refusal('\u0627\u0031')).toMatchObject({
        code: 'SB_CONFIG_INVALID',
        details: { field: 'password', reason: 'bidirectional' },
      });
    });
  });

  it('when a space is not ASCII (U+00A0, U+3000), maps it to U+0020 (RFC 4013 §2.1)', async () => {
    await expect(prep('pass\u00A0word\u3000!')).resolves.toBe('pass word !');
  });

  it('when every character is mapped to nothing, refuses the empty result', async () => {
    expect(await refusal('\u00AD\u180B\uFEFF')).toMatchObject({ details: { reason: 'empty' } });
  });

  it.each([
    ['DEL', 'secret\u007F'],
    ['a private-use character', 'secret\uE000'],
    ['a non-character', 'secret\uFFFF'],
    ['a lone surrogate', 'secret\uD800'],
    ['a directional control', 'secret\u202E'],
  ])(
    'when the password has %s, refuses it naming the field and rule, not the value',
    async (_, text) => {
      const error = await refusal(text);
      expect(error.details).toEqual({
        mechanism: 'SCRAM-SHA-256',
        field: 'password',
        reason: 'prohibited',
      });
      expect(error.message).toMatch(
        /^SCRAM-SHA-256 needs credentials\.password without characters/,
      );
      expect(error.message).not.toContain('secret');
    },
  );

  it('when a code point is unassigned in Unicode 3.2, allows it (SCRAM prepares queries)', async () => {
    await expect(prep('pw\u0221\u{1F600}')).resolves.toBe('pw\u0221\u{1F600}');
  });

  it('when the text is printable ASCII, returns it unchanged', async () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    await expect(prep(ascii)).resolves.toBe(ascii);
  });
});
