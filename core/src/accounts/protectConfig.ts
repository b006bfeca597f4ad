import { protectCredential } from '../credentials/protectCredential';
import type { AccountConfig } from './AccountConfig';

/**
 * A copy of `config` whose credential is safe to log ({@link protectCredential}); the host's
 * object is left as it is. An account keeps this copy as its `config`.
 */
export function protectConfig(config: AccountConfig): AccountConfig {
  const { credential } = config;
  if (typeof credential !== 'object' || credential === null) return config;
  return { ...config, credential: protectCredential(credential) };
}
