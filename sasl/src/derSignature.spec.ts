import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { p1363ToDer } from './derSignature';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));

/** RFC 6979 §A.2.5: P-256, SHA-256, message "sample". */
const RFC6979 = {
  ux: '60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6',
  uy: '7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299',
  r: 'EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716',
  s: 'F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8',
};

describe('p1363ToDer', () => {
  it('when given the RFC 6979 A.2.5 signature, gives the DER form OpenSSL verifies', () => {
    const der = p1363ToDer(hex(RFC6979.r + RFC6979.s));
    // Both r and s have their high bit set, so each INTEGER gets a 0 pad: 2 × 35 bytes + 2.
    expect(Buffer.from(der).toString('hex').toUpperCase()).toBe(
      `30460221 00${RFC6979.r}022100${RFC6979.s}`.replace(/\s/g, ''),
    );
    const key = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: Buffer.from(RFC6979.ux, 'hex').toString('base64url'),
        y: Buffer.from(RFC6979.uy, 'hex').toString('base64url'),
      },
      format: 'jwk',
    });
    expect(verify('sha256', Buffer.from('sample'), { key, dsaEncoding: 'der' }, der)).toBe(true);
  });

  it('when r has leading zero bytes, drops them (the shortest INTEGER)', () => {
    const r = new Uint8Array(32);
    r[2] = 0x12;
    r[31] = 0x34;
    const s = new Uint8Array(32).fill(0x01);
    const der = p1363ToDer(Uint8Array.from([...r, ...s]));
    expect(Array.from(der.subarray(0, 4))).toEqual([0x30, 2 + 30 + 2 + 32, 0x02, 30]);
    expect(der[4]).toBe(0x12);
    expect(Array.from(der.subarray(34, 36))).toEqual([0x02, 32]);
  });

  it('when r is zero, keeps one zero byte', () => {
    const der = p1363ToDer(Uint8Array.from([...new Uint8Array(32), ...new Uint8Array(32).fill(1)]));
    expect(Array.from(der.subarray(0, 5))).toEqual([0x30, 3 + 34, 0x02, 1, 0]);
  });

  it('when given fresh P1363 signatures, every one verifies as DER', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    for (let i = 0; i < 50; i++) {
      const data = Buffer.from(`message ${i}`);
      const p1363 = sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
      const der = p1363ToDer(Uint8Array.from(p1363));
      expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
    }
  });
});
