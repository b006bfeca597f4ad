import type { Credential } from './Credential';
import { isSecretField } from './protectCredential';

/**
 * The secret strings a credential holds (password, access and refresh token, token, or the
 * secret fields of another kind), protected or not, to scrub them where they must not appear.
 */
export function secretsOf(credential: Credential): string[] {
  const fields = credential as unknown as Readonly<Record<string, unknown>>;
  return Object.getOwnPropertyNames(credential)
    .filter(isSecretField)
    .map((field) => fields[field])
    .filter((value): value is string => typeof value === 'string' && value !== '');
}
