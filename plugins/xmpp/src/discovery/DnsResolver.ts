/**
 * The DNS lookups XMPP server discovery needs (RFC 6120 §3.2: SRV, then A and AAAA), as an
 * interface a host can replace, e.g. with a resolver pointed at given DNS servers.
 */
import type { ServiceIdentifier } from '@switchboard/core';

/** One SRV record (RFC 2782). */
export interface SrvRecord {
  readonly priority: number;
  readonly weight: number;
  readonly port: number;
  /** The target host name; `'.'` (or `''`) means the service is decidedly not available. */
  readonly name: string;
}

/**
 * SRV, A and AAAA lookups. Each method rejects with an error whose `code` is one of Node's
 * `dns` codes (`ENOTFOUND` and `ENODATA` mean "no such records"; anything else, e.g.
 * `ESERVFAIL`, `ETIMEOUT`, `ECONNREFUSED`, means the lookup itself failed).
 */
export interface DnsResolver {
  /** The SRV records of `name`, e.g. `_xmpp-client._tcp.example.org`. */
  resolveSrv(name: string): Promise<readonly SrvRecord[]>;
  /** The IPv4 addresses of `name`. */
  resolve4(name: string): Promise<readonly string[]>;
  /** The IPv6 addresses of `name`. */
  resolve6(name: string): Promise<readonly string[]>;
}

/**
 * The container's DNS resolver for XMPP server discovery. The XMPP module binds
 * {@link createDnsResolver}'s system resolver; a host rebinds it (e.g. with
 * {@link dnsResolverModule}) to use other DNS servers or its own lookups.
 */
export const DnsResolverToken: ServiceIdentifier<DnsResolver> = Symbol.for(
  '@switchboard/xmpp/DnsResolver',
);
