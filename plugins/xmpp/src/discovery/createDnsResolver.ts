import { Resolver, lookup as systemLookup } from 'node:dns/promises';
import type { DnsResolver, SrvRecord } from './DnsResolver';
import { dnsCode, isNoData } from './dnsFailure';

/** Options of {@link createDnsResolver}. */
export interface DnsResolverOptions {
  /**
   * DNS servers to ask, as `'1.2.3.4'`, `'[::1]:5353'` or `'127.0.0.1:5353'`. Default: the
   * system's configuration (`/etc/resolv.conf`), and then also the system's own name lookup
   * (`/etc/hosts` and the like) for host names DNS does not know.
   */
  readonly servers?: readonly string[];
  /** How long one query waits for an answer before it is sent again. Default 2,000 ms. */
  readonly queryTimeoutMs?: number;
  /** How many times a query is sent before it fails with `ETIMEOUT`. Default 2. */
  readonly tries?: number;
}

/**
 * A {@link DnsResolver} on Node's `dns/promises` `Resolver` (c-ares: DNS only, never the
 * machine's hosts file). Without `servers` it asks the system's DNS servers, and addresses
 * DNS does not know are then looked up the way the system does it (`getaddrinfo`), so names
 * from `/etc/hosts` keep working; with `servers` every lookup goes to those servers only.
 */
export function createDnsResolver(options: DnsResolverOptions = {}): DnsResolver {
  const resolver = new Resolver({
    timeout: options.queryTimeoutMs ?? 2000,
    tries: options.tries ?? 2,
  });
  const system = options.servers === undefined;
  if (!system) resolver.setServers([...(options.servers ?? [])]);
  const addresses = async (name: string, family: 4 | 6): Promise<readonly string[]> => {
    try {
      return family === 4 ? await resolver.resolve4(name) : await resolver.resolve6(name);
    } catch (error) {
      if (!system || !isNoData(dnsCode(error))) throw error;
      const found = await systemLookup(name, { family, all: true });
      return found.map((a) => a.address);
    }
  };
  return {
    resolveSrv: async (name): Promise<readonly SrvRecord[]> => resolver.resolveSrv(name),
    resolve4: (name) => addresses(name, 4),
    resolve6: (name) => addresses(name, 6),
  };
}
