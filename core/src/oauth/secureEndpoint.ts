import { SwitchboardError } from '../errors/SwitchboardError';

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Whether `url` points at this machine (127.0.0.1, ::1 or localhost). */
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname.toLowerCase());
}

/**
 * Parses an OAuth2 endpoint and checks its scheme: https everywhere, plain http only for a
 * loopback host (a local test server). Anything else is SB_CONFIG_INVALID, naming the field.
 */
export function secureEndpoint(field: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SwitchboardError('SB_CONFIG_INVALID', `${field} is not an absolute URL.`, {
      details: { field },
    });
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackUrl(url)) return url;
  throw new SwitchboardError(
    'SB_CONFIG_INVALID',
    `${field} must use https (plain http is only allowed for 127.0.0.1, ::1 and localhost).`,
    { details: { field, protocol: url.protocol, host: url.hostname } },
  );
}
