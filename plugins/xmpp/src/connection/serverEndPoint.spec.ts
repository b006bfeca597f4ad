import { createHash } from 'node:crypto';
import { endPointHash, serverEndPoint } from './serverEndPoint';

/** DER TLV with a short or long length. */
function tlv(tag: number, body: Buffer): Buffer {
  const n = body.length;
  const length = n < 0x80 ? Buffer.from([n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}
const oid = (hex: string): Buffer => tlv(0x06, Buffer.from(hex, 'hex'));
const seq = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));

/** A certificate-shaped DER: a (long) tbsCertificate, the signature algorithm, a signature. */
function certificate(algorithm: Buffer): Buffer {
  const tbs = seq(Buffer.alloc(300, 1));
  return seq(tbs, algorithm, tlv(0x03, Buffer.from([0, 1, 2, 3])));
}

describe(endPointHash, () => {
  it.each([
    ['md5WithRSAEncryption', '2a864886f70d010104', 'sha256'],
    ['sha1WithRSAEncryption', '2a864886f70d010105', 'sha256'],
    ['sha256WithRSAEncryption', '2a864886f70d01010b', 'sha256'],
    ['sha384WithRSAEncryption', '2a864886f70d01010c', 'sha384'],
    ['sha512WithRSAEncryption', '2a864886f70d01010d', 'sha512'],
    ['ecdsa-with-SHA1', '2a8648ce3d0401', 'sha256'],
    ['ecdsa-with-SHA384', '2a8648ce3d040303', 'sha384'],
    ['Ed25519 (no hash of its own)', '2b6570', 'sha256'],
  ])('when the certificate is signed with %s, hashes with %s', (_, hex, expected) => {
    expect(endPointHash(certificate(seq(oid(hex), tlv(0x05, Buffer.alloc(0)))))).toBe(expected);
  });

  it('when the signature is RSASSA-PSS, takes the hash from its parameters', () => {
    const sha512 = seq(oid('608648016503040203'));
    const params = seq(tlv(0xa0, sha512));
    expect(endPointHash(certificate(seq(oid('2a864886f70d01010a'), params)))).toBe('sha512');
    expect(endPointHash(certificate(seq(oid('2a864886f70d01010a'), seq())))).toBe('sha256');
  });

  it('when the DER is truncated or not a certificate, falls back to SHA-256', () => {
    const der = certificate(seq(oid('2a864886f70d01010d')));
    expect(endPointHash(der.subarray(0, 40))).toBe('sha256');
    expect(endPointHash(Buffer.from([0x02, 0x01, 0x00]))).toBe('sha256');
    expect(endPointHash(Buffer.alloc(0))).toBe('sha256');
  });
});

describe(serverEndPoint, () => {
  it('is the hash of the whole certificate with its signature hash', () => {
    const der = certificate(seq(oid('2a864886f70d01010c')));
    expect(Buffer.from(serverEndPoint(der))).toEqual(createHash('sha384').update(der).digest());
  });
});
