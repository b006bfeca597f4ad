import type { BenchServer, LoginRequest } from '../peers';

/** The password of every benchmark user. */
export const PASSWORD = 'bench-password';
/** The bearer token of `bench@<tokenDomain>`. */
export const TOKEN = 'bench-token-0123456789abcdef';
/** The user of the latency and throughput scenarios. */
export const USER = 'bench';

/** The user of the scale scenario with index `i`. */
export const scaleUser = (i: number): string => `u${i}`;

/** A login of `username` with `mechanism`: the token host for OAUTHBEARER, else the password host. */
export function loginRequest(
  server: BenchServer,
  mechanism: string,
  username: string = USER,
): LoginRequest {
  return mechanism === 'OAUTHBEARER'
    ? { mechanism, username, domain: server.tokenDomain, secret: TOKEN }
    : { mechanism, username, domain: server.passwordDomain, secret: PASSWORD };
}
