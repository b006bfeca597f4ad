import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './runCommand';

/** Paths and PEM text of the throwaway CA and the server certificate it signed. */
export interface Certificates {
  readonly caPem: string;
  readonly certFile: string;
  readonly keyFile: string;
}

async function openssl(args: string[]): Promise<void> {
  const result = await runCommand('openssl', args);
  if (result.code !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr.trim()}`);
}

/**
 * Creates a CA and a server certificate signed by it whose subjectAltName covers every domain,
 * `localhost` and 127.0.0.1. EC P-256 keys keep it fast.
 */
export async function makeCertificates(
  dir: string,
  domains: readonly string[],
): Promise<Certificates> {
  const caKey = join(dir, 'ca.key');
  const caCert = join(dir, 'ca.crt');
  const keyFile = join(dir, 'server.key');
  const csr = join(dir, 'server.csr');
  const certFile = join(dir, 'server.crt');
  const ext = join(dir, 'server.ext');
  const san = [...domains.map((d) => `DNS:${d}`), 'DNS:localhost', 'IP:127.0.0.1'].join(',');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(
    ext,
    `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`,
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await Promise.all([
    openssl([
      'req',
      '-x509',
      ...ec,
      '-keyout',
      caKey,
      '-out',
      caCert,
      '-days',
      '2',
      '-subj',
      '/CN=Switchboard Test CA',
    ]),
    openssl([
      'req',
      ...ec,
      '-keyout',
      keyFile,
      '-out',
      csr,
      '-subj',
      `/CN=${domains[0] ?? 'localhost'}`,
    ]),
  ]);
  await openssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    caCert,
    '-CAkey',
    caKey,
    '-CAcreateserial',
    '-out',
    certFile,
    '-days',
    '2',
    '-extfile',
    ext,
  ]);
  return { caPem: await readFile(caCert, 'utf8'), certFile, keyFile };
}
