/** An SRV record served by the test DNS server. */
export interface DnsSrvRecord {
  readonly priority: number;
  readonly weight: number;
  readonly port: number;
  /** The target host; `'.'` says the service is decidedly not available (RFC 2782). */
  readonly target: string;
}

/** How the server fails a name instead of answering it. */
export type DnsFailure =
  /** Answer with rcode SERVFAIL (the resolver reports `ESERVFAIL`). */
  | 'servfail'
  /** Answer with rcode REFUSED (`EREFUSED`). */
  | 'refused'
  /** Never answer (the resolver times out, `ETIMEOUT`). */
  | 'silent';

/**
 * The records of a test zone, keyed by name (case-insensitive, with or without the final dot).
 * A name in none of the maps gets NXDOMAIN (`ENOTFOUND`); a name with records of other types
 * only gets an empty answer (`ENODATA`).
 */
export interface DnsZone {
  /** SRV records, e.g. `{ '_xmpp-client._tcp.example.test': [...] }`. */
  readonly srv?: Readonly<Record<string, readonly DnsSrvRecord[]>>;
  /** IPv4 addresses (A records). */
  readonly a?: Readonly<Record<string, readonly string[]>>;
  /** IPv6 addresses (AAAA records). */
  readonly aaaa?: Readonly<Record<string, readonly string[]>>;
  /** Names that fail, whatever the type asked. */
  readonly fail?: Readonly<Record<string, DnsFailure>>;
}

/** One question the server received. */
export interface DnsQuery {
  /** Lower case, without the final dot. */
  readonly name: string;
  /** `'SRV'`, `'A'`, `'AAAA'`, ... */
  readonly type: string;
  readonly transport: 'udp' | 'tcp';
}

/** A name in the zone's form: lower case, no final dot. */
export function zoneName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
