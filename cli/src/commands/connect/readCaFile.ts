import { readFile } from 'node:fs/promises';
import { CliError } from '../support/CliError';
import { ExitCode } from '../support/ExitCode';

/**
 * The PEM text of a CA file.
 * @throws CliError (exit 2) when it cannot be read or holds no certificate.
 */
export async function readCaFile(file: string, field: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      ExitCode.usage,
      `Cannot read the CA file ${file} (${(error as NodeJS.ErrnoException).code}).`,
      { cause: error, hint: `Fix ${field}: the path of a PEM file with the CA certificate.` },
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new CliError(ExitCode.usage, `${file} holds no PEM certificate.`, {
      hint: `Fix ${field}: the file should contain "-----BEGIN CERTIFICATE-----".`,
    });
  }
  return pem;
}
