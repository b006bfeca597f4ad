import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificates } from '../prosody/makeCertificates';

/** A server certificate and its private key, as PEM text. */
export interface HostileCertificate {
  readonly cert: string;
  readonly key: string;
}

/** Certificates for a hostile server, from {@link makeHostileCertificates}. */
export interface HostileCertificates {
  /** The CA certificates (PEM) a client under test trusts: those of `valid` and `wrongHost`. */
  readonly ca: readonly string[];
  /** Valid for the domain (and `localhost`, 127.0.0.1), from a trusted CA. */
  readonly valid: HostileCertificate;
  /** From a trusted CA, but for `wrong-host.test` (and `localhost`, 127.0.0.1) only. */
  readonly wrongHost: HostileCertificate;
  /** Valid for the domain, but signed by a CA the client does not trust. */
  readonly untrusted: HostileCertificate;
  /** Deletes the temporary folder of keys; idempotent. */
  remove(): Promise<void>;
}

/** The host name of {@link HostileCertificates.wrongHost}. */
export const WRONG_HOST = 'wrong-host.test';

async function issue(dir: string, domain: string): Promise<{ ca: string } & HostileCertificate> {
  await mkdir(dir);
  const made = await makeCertificates(dir, [domain]);
  const [cert, key] = await Promise.all([
    readFile(made.certFile, 'utf8'),
    readFile(made.keyFile, 'utf8'),
  ]);
  return { ca: made.caPem, cert, key };
}

/**
 * Makes three throwaway certificate sets with `makeCertificates` (each its own CA, EC P-256,
 * two days) in a temporary folder: a valid one for `domain`, one for another host, and one
 * from a CA left out of `ca`. Needs `openssl` (3.x).
 */
export async function makeHostileCertificates(
  domain = 'example.test',
): Promise<HostileCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'sb-hostile-'));
  try {
    const [valid, wrongHost, untrusted] = await Promise.all([
      issue(join(dir, 'valid'), domain),
      issue(join(dir, 'wrong-host'), WRONG_HOST),
      issue(join(dir, 'untrusted'), domain),
    ]);
    const pair = ({ cert, key }: HostileCertificate): HostileCertificate => ({ cert, key });
    return {
      ca: [valid.ca, wrongHost.ca],
      valid: pair(valid),
      wrongHost: pair(wrongHost),
      untrusted: pair(untrusted),
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
