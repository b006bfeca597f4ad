/**
 * The addresses of one target host, through the injected resolver (AAAA and A, RFC 6120
 * §3.2.1 step 4), and a socket `lookup` that hands them to Node's Happy Eyeballs connect
 * (`autoSelectFamily`, RFC 8305): IPv6 and IPv4 are tried side by side, the first to connect wins.
 */
import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { DnsResolver } from './DnsResolver';
import { dnsCode, dnsFailure, isNoData, withinMs } from './dnsFailure';

/** `localhost` never goes to DNS (RFC 6761 §6.3). */
const LOCALHOST: readonly LookupAddress[] = [
  { address: '::1', family: 6 },
  { address: '127.0.0.1', family: 4 },
];

/**
 * The IPv6 then IPv4 addresses of `host` (an IP address stands for itself). Throws
 * SB_DNS_FAILED when there are none: `details.code` is `ENOTFOUND` when DNS says so, or why
 * the lookups failed.
 */
export async function resolveAddresses(
  host: string,
  resolver: DnsResolver,
  timeoutMs: number,
): Promise<readonly LookupAddress[]> {
  const family = isIP(host);
  if (family !== 0) return [{ address: host, family }];
  if (host === 'localhost') return LOCALHOST;
  const [v6, v4] = await Promise.allSettled([
    withinMs(resolver.resolve6(host), timeoutMs),
    withinMs(resolver.resolve4(host), timeoutMs),
  ]);
  const found = [
    ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 })) : []),
    ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 })) : []),
  ];
  if (found.length > 0) return found;
  const failed = [v6, v4].flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  // A real failure says more than "no such record" from the other family.
  const cause = failed.find((e) => !isNoData(dnsCode(e))) ?? failed[0];
  throw dnsFailure(host, cause === undefined ? 'ENODATA' : dnsCode(cause), cause);
}

/** A socket `lookup` that answers every query with `addresses` (of the asked family, if any). */
export function staticLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const fitting = addresses.filter((a) => !options.family || a.family === options.family);
    const first = fitting[0];
    if (first === undefined) {
      const error = Object.assign(new Error('no address of the requested family'), {
        code: 'ENOTFOUND',
      });
      callback(error, '', 0);
    } else if (options.all === true) {
      callback(null, fitting);
    } else {
      callback(null, first.address, first.family);
    }
  };
}
