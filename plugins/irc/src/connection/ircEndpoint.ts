/**
 * Where and how one IRC account connects: the account's `nick@server` address, the profile's
 * defaults and the account's overrides.
 */
import {
  type AccountConfig,
  type ServerDefaults,
  SwitchboardError,
  type TlsMode,
} from '@switchboard/core';
import { isLoopbackHost } from '@switchboard/core/transport';

/** Where one account connects and what it asks for at registration. */
export interface IrcEndpoint {
  /** The nick to register with (the address before `@`). */
  readonly nick: string;
  /** The network's host as the address names it (after `@`). */
  readonly network: string;
  readonly host: string;
  readonly port: number;
  /**
   * `direct`: TLS from the first byte (6697). `starttls`: plain TCP first, upgraded through the
   * server's STS policy (IRCv3 `sts`); without one, no credential is sent unless the account
   * allows insecure loopback.
   */
  readonly tls: TlsMode;
  /** The name the certificate must match. */
  readonly servername: string;
  /** Trusted CA certificates (PEM); undefined means the system store. */
  readonly ca: readonly string[] | undefined;
  /** Authentication without TLS: explicit, and only to a loopback host. */
  readonly allowInsecure: boolean;
}

function invalid(field: string, message: string): SwitchboardError {
  return new SwitchboardError('SB_CONFIG_INVALID', message, { details: { field } });
}

/** The nick and network of an address `nick@network`. */
export function splitAddress(address: string): { nick: string; network: string } {
  const at = address.lastIndexOf('@');
  const nick = at > 0 ? address.slice(0, at) : '';
  const network = at > 0 ? address.slice(at + 1) : '';
  if (nick === '' || network === '') {
    throw invalid('address', `The IRC account address "${address}" must be nick@server.`);
  }
  return { nick, network };
}

/**
 * The endpoint of `config`. The host is the account's `server.host`, else the profile's, else the
 * address's server; the port and TLS mode likewise. Throws SB_CONFIG_INVALID for a bad address
 * or port and SB_INSECURE_NOT_LOOPBACK when insecure loopback is asked for another host.
 */
export function ircEndpoint(config: AccountConfig, defaults: ServerDefaults): IrcEndpoint {
  const { nick, network } = splitAddress(config.address);
  const host = config.server?.host ?? defaults.host ?? network;
  const port = config.server?.port ?? defaults.port;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw invalid('server.port', `Port ${String(port)} is not a valid TCP port.`);
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
    nick,
    network,
    host,
    port,
    tls: config.server?.tls ?? defaults.tls,
    servername: config.tls?.servername ?? host,
    ca: ca === undefined ? undefined : typeof ca === 'string' ? [ca] : [...ca],
    allowInsecure,
  };
}
