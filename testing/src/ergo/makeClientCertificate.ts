import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwitchboardError } from '@switchboard/core';
import { runCommand } from '../prosody/runCommand';

/** A self-signed client certificate for SASL EXTERNAL, and its fingerprint. */
export interface ClientCertificate {
  /** PEM of the certificate. */
  readonly cert: string;
  /** PEM of its private key (unencrypted). */
  readonly key: string;
  /** Lower-case hex SHA-256 of the certificate's DER: what ergo stores as a certfp. */
  readonly certfp: string;
}

/** The certfp of a PEM certificate: lower-case hex SHA-256 of its DER, no colons. */
export function certificateFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256.replaceAll(':', '').toLowerCase();
}

/**
 * Makes a throwaway self-signed client certificate (`openssl req -x509`, EC P-256, two days,
 * subject `CN=name`). Throws SB_ERGO_FAILED if openssl is missing or fails.
 */
export async function makeClientCertificate(name = 'switchboard-test'): Promise<ClientCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-client-cert-'));
  try {
    const [keyFile, certFile] = [join(dir, 'client.key'), join(dir, 'client.crt')];
    const result = await runCommand('openssl', [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-days', '2', '-keyout', keyFile, '-out', certFile, '-subj', `/CN=${name}`],
    ]).catch((cause: unknown) => {
      throw new SwitchboardError(
        'SB_ERGO_FAILED',
        'openssl is not installed: run `apt-get install -y openssl` (Debian/Ubuntu).',
        { cause },
      );
    });
    if (result.code !== 0) {
      throw new SwitchboardError('SB_ERGO_FAILED', 'openssl req failed.', {
        details: { log: result.stderr.trim() },
      });
    }
    const cert = await readFile(certFile, 'utf8');
    return { cert, key: await readFile(keyFile, 'utf8'), certfp: certificateFingerprint(cert) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
