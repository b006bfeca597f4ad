import { Socket } from 'node:net';
import ConnectionTCP from '@xmpp/connection-tcp';
import { type TlsSettings, TlsSocket, tlsOptions } from './TlsSocket';

/** A plain TCP socket for xmpp.js with Nagle's algorithm off (XMPP is request/response bound). */
class NoDelaySocket extends Socket {
  readonly secure = false;
  constructor() {
    super();
    this.setNoDelay(true);
  }
}

/** The default namespace of client streams (RFC 6120 §4.8.2). */
const NS_CLIENT = 'jabber:client';

function parseService(
  service: string,
  scheme: 'xmpp:' | 'xmpps:',
): { host: string; port: number } | undefined {
  let url: URL;
  try {
    url = new URL(service);
  } catch {
    return undefined;
  }
  if (url.protocol !== scheme) return undefined;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(url.port) || (scheme === 'xmpps:' ? 5223 : 5222) };
}

/**
 * The xmpp.js transports for one connection: plain TCP for `xmpp://host:port` (STARTTLS
 * follows) and direct TLS for `xmpps://host:port`, both honouring our TLS settings.
 */
export function createTransports(settings: TlsSettings): Array<typeof ConnectionTCP> {
  class PlainTransport extends ConnectionTCP {
    override socketParameters(service: string): Record<string, unknown> | undefined {
      return parseService(service, 'xmpp:');
    }
  }
  PlainTransport.prototype.Socket = NoDelaySocket;
  PlainTransport.prototype.NS = NS_CLIENT;

  class DirectTlsTransport extends ConnectionTCP {
    override socketParameters(service: string): Record<string, unknown> | undefined {
      const target = parseService(service, 'xmpps:');
      return target && { ...tlsOptions(settings, target) };
    }
  }
  DirectTlsTransport.prototype.Socket = TlsSocket;
  DirectTlsTransport.prototype.NS = NS_CLIENT;

  return [PlainTransport, DirectTlsTransport];
}
