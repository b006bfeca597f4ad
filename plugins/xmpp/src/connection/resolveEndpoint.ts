import { isIP, type LookupFunction } from 'node:net';
import {
  type AccountConfig,
  type ServerDefaults,
  SwitchboardError,
  type TlsMode,
} from '@switchboard/core';
import { isLoopbackHost } from '@switchboard/core/transport';

/** Where and how one account connects, after profile defaults and account overrides. */
export interface Endpoint {
  /** The XMPP domain (the account address's domain part). */
  readonly domain: string;
  readonly host: string;
  readonly port: number;
  readonly tls: TlsMode;
  /** Name the certificate must match. */
  readonly servername: string;
  /** Trusted CA certificates (PEM); undefined means the system store. */
  readonly ca: readonly string[] | undefined;
  /** Whether authentication may proceed without TLS (explicit, loopback only). */
  readonly allowInsecure: boolean;
  /**
   * The addresses of `host`, for the socket's Happy Eyeballs connect (`autoSelectFamily`);
   * undefined: Node's own lookup.
   */
  readonly lookup?: LookupFunction | undefined;
}

/** One place to connect to: a host, its port, and how TLS starts there. */
export interface Target {
  readonly host: string;
  readonly port: number;
  readonly tls: TlsMode;
}

/**
 * How one account finds its server: a fixed target, or DNS SRV discovery for the domain
 * (RFC 6120 §3.2, XEP-0368) with the domain on the profile's port as the fallback.
 */
export interface EndpointPlan {
  /** The XMPP domain (the account address's domain part). */
  readonly domain: string;
  /** Name the certificate must match, whatever host is connected. */
  readonly servername: string;
  /** Trusted CA certificates (PEM); undefined means the system store. */
  readonly ca: readonly string[] | undefined;
  /** The account's `allowInsecureLoopback`: honoured only for targets whose every address is loopback. */
  readonly allowInsecure: boolean;
  /**
   * Where to connect without looking anything up in SRV: set when the account names
   * `server.host` or `server.port`, or the profile names a host.
   */
  readonly fixed: Target | undefined;
  /** RFC 6120 §3.2.2: the domain on the profile's port (5222, STARTTLS), when SRV has no records. */
  readonly fallback: Target;
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = (at >= 0 ? address.slice(at + 1) : address).split('/')[0] ?? '';
  if (domain.length === 0 || at === 0) {
    throw new SwitchboardError(
      'SB_CONFIG_INVALID',
      `The account address "${address}" has no domain; use user@domain.`,
      {
        details: { field: 'address' },
      },
    );
  }
  return domain;
}

function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SwitchboardError(
      'SB_CONFIG_INVALID',
      `Port ${String(port)} is not a valid TCP port.`,
      {
        details: { field: 'server.port' },
      },
    );
  }
}

/**
 * Merges profile defaults with account overrides and checks the security settings. The host
 * is, in this order: the account's `server.host`; the profile's `server.host`; the domain
 * itself when the account sets only `server.port` (a port says where, so nothing is looked
 * up) or the domain is an IP address or `localhost`; otherwise none: the server is discovered
 * through DNS SRV.
 */
export function resolveEndpoint(config: AccountConfig, defaults: ServerDefaults): EndpointPlan {
  const domain = domainOf(config.address);
  const port = config.server?.port ?? defaults.port;
  checkPort(port);
  const tls = config.server?.tls ?? defaults.tls;
  // A port, an IP address or `localhost` as the domain leave nothing to look up in SRV.
  const direct = config.server?.port !== undefined || isIP(domain) !== 0 || isLoopbackHost(domain);
  const host = config.server?.host ?? defaults.host ?? (direct ? domain : undefined);
  const allowInsecure = config.allowInsecureLoopback === true;
  if (allowInsecure && host !== undefined && !isLoopbackHost(host)) {
    throw new SwitchboardError(
      'SB_INSECURE_NOT_LOOPBACK',
      `allowInsecureLoopback is set but ${host} is not a loopback address; insecure authentication is only allowed on loopback.`,
      { details: { host } },
    );
  }
  const ca = config.tls?.ca;
  return {
    domain,
    servername: config.tls?.servername ?? domain,
    ca: ca === undefined ? undefined : typeof ca === 'string' ? [ca] : [...ca],
    allowInsecure,
    fixed: host === undefined ? undefined : { host, port, tls },
    fallback: { host: domain, port, tls },
  };
}
