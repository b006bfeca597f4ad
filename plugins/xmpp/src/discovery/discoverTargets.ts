/**
 * Where an XMPP domain's clients connect, from DNS (RFC 6120 §3.2.1 SRV lookup, XEP-0368
 * direct TLS records): `_xmpps-client._tcp` and `_xmpp-client._tcp` records mixed into one
 * RFC 2782 order, or the RFC 6120 §3.2.2 fallback when the domain has none.
 */
import { SwitchboardError } from '@switchboard/core';
import type { Target } from '../connection/resolveEndpoint';
import type { DnsResolver, SrvRecord } from './DnsResolver';
import { dnsCode, withinMs } from './dnsFailure';
import { orderSrvRecords, type RandomSource } from './orderSrvRecords';

/** An SRV lookup that found nothing usable, and why. */
export interface FailedLookup {
  readonly name: string;
  /** The DNS code: `ENOTFOUND`/`ENODATA` (no records), or why the lookup failed. */
  readonly code: string;
}

/** The targets to try, in order. */
export interface DiscoveredTargets {
  /** `'srv'`: from SRV records; `'fallback'`: the domain, as the domain has no SRV records. */
  readonly source: 'srv' | 'fallback';
  readonly targets: readonly Target[];
  /** SRV lookups that failed or found no records. */
  readonly failedLookups: readonly FailedLookup[];
}

/** Options of {@link discoverTargets}. */
export interface DiscoverOptions {
  readonly domain: string;
  readonly resolver: DnsResolver;
  /** Each lookup's limit. */
  readonly timeoutMs: number;
  /** The fallback target (the domain on the profile's port, 5222 STARTTLS by default). */
  readonly fallback: Target;
  /** For RFC 2782's weighted random order; default `Math.random`. */
  readonly random?: RandomSource;
}

type Lookup = { readonly records: readonly SrvRecord[] } | { readonly failed: FailedLookup };

async function lookup(resolver: DnsResolver, name: string, ms: number): Promise<Lookup> {
  try {
    return { records: await withinMs(resolver.resolveSrv(name), ms) };
  } catch (error) {
    return { failed: { name, code: dnsCode(error) } };
  }
}

/** A target of `.` (Node reports it as an empty name): "decidedly not available". */
const isRoot = (record: SrvRecord): boolean => record.name === '' || record.name === '.';

const records = (found: Lookup): readonly SrvRecord[] => ('records' in found ? found.records : []);

/**
 * The ordered targets of `domain`. Throws SB_SERVICE_UNAVAILABLE when its records say the
 * service is not offered (only `.` targets); falls back to `fallback` when neither lookup found
 * any record (RFC 6120 §3.2.2; also when a lookup failed, as that section says).
 */
export async function discoverTargets(options: DiscoverOptions): Promise<DiscoveredTargets> {
  const { domain, resolver, timeoutMs } = options;
  const [direct, starttls] = await Promise.all([
    lookup(resolver, `_xmpps-client._tcp.${domain}`, timeoutMs),
    lookup(resolver, `_xmpp-client._tcp.${domain}`, timeoutMs),
  ]);
  const failedLookups = [direct, starttls].flatMap((l) => ('failed' in l ? [l.failed] : []));
  const tagged = [
    ...records(direct).map((r) => ({ ...r, tls: 'direct' as const })),
    ...records(starttls).map((r) => ({ ...r, tls: 'starttls' as const })),
  ];
  const usable = tagged.filter((r) => !isRoot(r));
  if (usable.length > 0) {
    const ordered = orderSrvRecords(usable, options.random);
    const targets = ordered.map((r) => ({
      host: r.name.replace(/\.$/, ''),
      port: r.port,
      tls: r.tls,
    }));
    return { source: 'srv', targets, failedLookups };
  }
  if (tagged.length > 0) {
    // Only `.` targets. XEP-0368 §5: a `.` for direct TLS forbids the A/AAAA fallback too.
    throw new SwitchboardError(
      'SB_SERVICE_UNAVAILABLE',
      `${domain} states in DNS that it offers no XMPP client service (SRV target ".").`,
      { details: { domain } },
    );
  }
  return { source: 'fallback', targets: [options.fallback], failedLookups };
}
