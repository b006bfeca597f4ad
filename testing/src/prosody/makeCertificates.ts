import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SwitchboardError } from '@switchboard/core';
import { runCommand } from './runCommand';

/** Paths and PEM text of the throwaway CA and the server certificate it signed. */
export interface Certificates {
  /** PEM of the CA certificate: what clients trust. */
  readonly caPem: string;
  /** The server certificate (PEM file). */
  readonly certFile: string;
  /** The server's private key (PEM file, unencrypted). */
  readonly keyFile: string;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function openssl(args: readonly string[]): Promise<void> {
  const result = await runCommand('openssl', args).catch((cause: unknown) => {
    throw new SwitchboardError(
      'SB_PROSODY_FAILED',
      'openssl is not installed: run `apt-get install -y openssl` (Debian/Ubuntu).',
      { cause },
    );
  });
  if (result.code !== 0) {
    throw new SwitchboardError('SB_PROSODY_FAILED', `openssl ${args[0]} failed.`, {
      details: { log: result.stderr.trim() },
    });
  }
}

/** Where {@link makeCertificates} puts the server certificate and key in `dir`. */
export function certificateFiles(dir: string): Pick<Certificates, 'certFile' | 'keyFile'> {
  return { certFile: join(dir, 'server.crt'), keyFile: join(dir, 'server.key') };
}

/**
 * Creates, in `dir`, a throwaway CA and a server certificate signed by it whose subjectAltName
 * covers every domain, `localhost` and 127.0.0.1. Two `openssl req` runs (OpenSSL 3: `req -CA`),
 * EC P-256 keys, valid for two days.
 */
export async function makeCertificates(
  dir: string,
  domains: readonly string[],
): Promise<Certificates> {
  const caKey = join(dir, 'ca.key');
  const caCert = join(dir, 'ca.crt');
  const { certFile, keyFile } = certificateFiles(dir);
  const san = [...domains.map((d) => `DNS:${d}`), 'DNS:localhost', 'IP:127.0.0.1'].join(',');
  const common = ['req', '-x509', ...EC_KEY, '-days', '2'];
  await openssl([...common, '-keyout', caKey, '-out', caCert, '-subj', '/CN=Switchboard Test CA']);
  await openssl(
    [
      ...common,
      ['-CA', caCert, '-CAkey', caKey],
      ['-keyout', keyFile, '-out', certFile, '-subj', `/CN=${domains[0] ?? 'localhost'}`],
      ['-addext', `subjectAltName=${san}`, '-addext', 'basicConstraints=critical,CA:FALSE'],
      ['-addext', 'keyUsage=digitalSignature', '-addext', 'extendedKeyUsage=serverAuth'],
    ].flat(),
  );
  return { caPem: await readFile(caCert, 'utf8'), certFile, keyFile };
}
