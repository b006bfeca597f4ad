/**
 * `tls-server-end-point` channel binding data (RFC 5929 §4): a hash of the server's certificate
 * (DER), with the hash function of the certificate's signature algorithm, SHA-256 when that is
 * MD5 or SHA-1 (or unknown, or not a single hash, as Prosody does).
 */
import { createHash } from 'node:crypto';

/** DER-encoded OID bodies (hex) of signature algorithms, to their hash (RFC 5929 §4.1). */
const SIGNATURE_HASHES: Readonly<Record<string, string>> = {
  // md5WithRSAEncryption, sha1WithRSAEncryption: SHA-256 (RFC 5929 §4.1)
  '2a864886f70d010104': 'sha256',
  '2a864886f70d010105': 'sha256',
  '2a864886f70d01010e': 'sha224',
  '2a864886f70d01010b': 'sha256',
  '2a864886f70d01010c': 'sha384',
  '2a864886f70d01010d': 'sha512',
  // ecdsa-with-SHA1, -SHA224, -SHA256, -SHA384, -SHA512
  '2a8648ce3d0401': 'sha256',
  '2a8648ce3d040301': 'sha224',
  '2a8648ce3d040302': 'sha256',
  '2a8648ce3d040303': 'sha384',
  '2a8648ce3d040304': 'sha512',
  // dsa-with-sha1, dsa-with-sha256
  '2a8648ce380403': 'sha256',
  '608648016503040302': 'sha256',
};
/** RSASSA-PSS: the hash is in the parameters (default SHA-1, so SHA-256). */
const RSASSA_PSS = '2a864886f70d01010a';
/** Hash algorithm OIDs (in RSASSA-PSS parameters). */
const HASHES: Readonly<Record<string, string>> = {
  '608648016503040201': 'sha256',
  '608648016503040202': 'sha384',
  '608648016503040203': 'sha512',
  '608648016503040204': 'sha224',
};

interface Tlv {
  readonly tag: number;
  /** Where the value starts and ends. */
  readonly start: number;
  readonly end: number;
}

/** Reads one DER TLV at `offset`; undefined when it does not fit in `der`. */
function readTlv(der: Uint8Array, offset: number, limit = der.length): Tlv | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = der[offset] as number;
  let length = der[offset + 1] as number;
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || start + bytes > limit) return undefined;
    length = 0;
    for (let i = 0; i < bytes; i += 1) length = length * 256 + (der[start + i] as number);
    start += bytes;
  }
  const end = start + length;
  return end > limit ? undefined : { tag, start, end };
}

const hex = (der: Uint8Array, tlv: Tlv): string =>
  Buffer.from(der.subarray(tlv.start, tlv.end)).toString('hex');

/** The hash in RSASSA-PSS parameters `[0] hashAlgorithm AlgorithmIdentifier`, if given. */
function pssHash(der: Uint8Array, params: Tlv | undefined): string {
  if (params === undefined || params.tag !== 0x30) return 'sha256';
  const first = readTlv(der, params.start, params.end);
  if (first === undefined || first.tag !== 0xa0) return 'sha256';
  const algorithm = readTlv(der, first.start, first.end);
  const oid = algorithm === undefined ? undefined : readTlv(der, algorithm.start, algorithm.end);
  return oid === undefined || oid.tag !== 0x06 ? 'sha256' : (HASHES[hex(der, oid)] ?? 'sha256');
}

/**
 * The hash function for `tls-server-end-point` of a certificate (DER): read from its
 * `signatureAlgorithm` (X.509 `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm,
 * signature }`). SHA-256 for MD5, SHA-1, anything unknown or unreadable.
 */
export function endPointHash(der: Uint8Array): string {
  const certificate = readTlv(der, 0);
  if (certificate === undefined || certificate.tag !== 0x30) return 'sha256';
  const tbs = readTlv(der, certificate.start, certificate.end);
  if (tbs === undefined) return 'sha256';
  const algorithm = readTlv(der, tbs.end, certificate.end);
  if (algorithm === undefined || algorithm.tag !== 0x30) return 'sha256';
  const oid = readTlv(der, algorithm.start, algorithm.end);
  if (oid === undefined || oid.tag !== 0x06) return 'sha256';
  const name = hex(der, oid);
  if (name === RSASSA_PSS) return pssHash(der, readTlv(der, oid.end, algorithm.end));
  return SIGNATURE_HASHES[name] ?? 'sha256';
}

/** The `tls-server-end-point` binding data of the server certificate `der`. */
export function serverEndPoint(der: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(endPointHash(der)).update(der).digest());
}
