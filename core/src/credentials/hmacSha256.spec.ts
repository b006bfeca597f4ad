import { createHash, createHmac, randomBytes } from 'node:crypto';
import { hmacSha256, sha256 } from './hmacSha256';

describe(sha256, () => {
  it('when hashing the FIPS 180-2 example "abc", gives its published digest', () => {
    expect(Buffer.from(sha256(Buffer.from('abc'))).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('agrees with node:crypto on every length around the block boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const data = randomBytes(length);
      expect(Buffer.from(sha256(data))).toEqual(createHash('sha256').update(data).digest());
    }
  });
});

describe(hmacSha256, () => {
  it('agrees with node:crypto for short, block-sized and long keys', () => {
    for (const keyLength of [0, 1, 32, 63, 64, 65, 200]) {
      const key = randomBytes(keyLength);
      const data = randomBytes(keyLength + 17);
      expect(Buffer.from(hmacSha256(key, data))).toEqual(
        createHmac('sha256', key).update(data).digest(),
      );
    }
  });
});
