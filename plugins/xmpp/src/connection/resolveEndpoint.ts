import { isIP } from 'node:net';
import {
  type AccountConfig,
  type ServerDefaults,
  SwitchboardError,
  type TlsMode,
} from '@switchboard/core';

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
}

/** True for 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
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

/** Merges profile defaults with account overrides and checks the security settings. */
export function resolveEndpoint(config: AccountConfig, defaults: ServerDefaults): Endpoint {
  const domain = domainOf(config.address);
  const host = config.server?.host ?? defaults.host ?? domain;
  const port = config.server?.port ?? defaults.port;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SwitchboardError(
      'SB_CONFIG_INVALID',
      `Port ${String(port)} is not a valid TCP port.`,
      {
        details: { field: 'server.port' },
      },
    );
  }
  const allowInsecure = config.allowInsecureLoopback === true;
  if (allowInsecure && !isLoopbackHost(host)) {
    throw new SwitchboardError(
      'SB_INSECURE_NOT_LOOPBACK',
      `allowInsecureLoopback is set but ${host} is not a loopback address; insecure authentication is only allowed on loopback.`,
      { details: { host } },
    );
  }
  const ca = config.tls?.ca;
  return {
    domain,
    host,
    port,
    tls: config.server?.tls ?? defaults.tls,
    servername: config.tls?.servername ?? domain,
    ca: ca === undefined ? undefined : typeof ca === 'string' ? [ca] : [...ca],
    allowInsecure,
  };
}
