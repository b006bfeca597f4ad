import { isIP } from 'node:net';

/**
 * True for 127.0.0.0/8, ::1 and `localhost`: the hosts to which an account may authenticate
 * without TLS when it sets `allowInsecureLoopback`.
 */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}
