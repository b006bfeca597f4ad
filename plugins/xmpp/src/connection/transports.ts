import { Socket } from 'node:net';
import type Connection from '@xmpp/connection';
import ConnectionTCP from '@xmpp/connection-tcp';
import type { Element } from '@xmpp/xml';
import { limitedParserClass, type ParserLimits } from './LimitedParser';
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
 * The base of our transports. xmpp.js answers a parser error by sending
 * `<stream:error><bad-format/></stream:error>` and dropping its parser, but keeps reading: the
 * next chunk would then throw inside the socket's data handler, an uncaught exception in the
 * host. So once the client sends a stream error, it reads nothing more (the stream is over,
 * RFC 6120 §4.9.1.1). xmpp.js's `Client.send` calls this with the client as `this`.
 * (HardenedClient also drops data after the server's `</stream:stream>`.)
 */
class ClientTransport extends ConnectionTCP {
  override async send(element: Element): Promise<void> {
    if (element.name === 'stream:error') (this as Connection).socket?.removeAllListeners('data');
    return super.send(element);
  }
}

/** Where xmpp.js looks up a transport's parser class (`new this.Parser()` on each stream). */
interface ParserSlot {
  Parser: unknown;
}

/** Plain TCP for `xmpp://host:port` (STARTTLS follows); the same for every connection. */
function plainTransport(Parser: unknown): typeof ConnectionTCP {
  class PlainTransport extends ClientTransport {
    override socketParameters(service: string): Record<string, unknown> | undefined {
      return parseService(service, 'xmpp:');
    }
  }
  PlainTransport.prototype.Socket = NoDelaySocket;
  PlainTransport.prototype.NS = NS_CLIENT;
  (PlainTransport.prototype as unknown as ParserSlot).Parser = Parser;
  return PlainTransport;
}

/** Direct TLS for `xmpps://host:port` with one connection's TLS settings. */
function directTlsTransport(settings: TlsSettings, Parser: unknown): typeof ConnectionTCP {
  class DirectTlsTransport extends ClientTransport {
    override socketParameters(service: string): Record<string, unknown> | undefined {
      const target = parseService(service, 'xmpps:');
      return target && { ...tlsOptions(settings, target) };
    }
  }
  DirectTlsTransport.prototype.Socket = TlsSocket;
  DirectTlsTransport.prototype.NS = NS_CLIENT;
  (DirectTlsTransport.prototype as unknown as ParserSlot).Parser = Parser;
  return DirectTlsTransport;
}

const DefaultParser = limitedParserClass();
const DefaultPlain = plainTransport(DefaultParser);
/** Direct TLS classes by TLS settings, most recently used last; bounded. */
const directTls = new Map<string, typeof ConnectionTCP>();
const DIRECT_TLS_LIMIT = 64;

function cachedDirectTls(settings: TlsSettings): typeof ConnectionTCP {
  const key = `${settings.servername}\n${settings.ca?.join('\n') ?? ''}`;
  const known = directTls.get(key);
  directTls.delete(key);
  const Transport = known ?? directTlsTransport(settings, DefaultParser);
  directTls.set(key, Transport);
  if (directTls.size > DIRECT_TLS_LIMIT) {
    const oldest = directTls.keys().next().value;
    if (oldest !== undefined) directTls.delete(oldest);
  }
  return Transport;
}

/**
 * The xmpp.js transports for one connection: plain TCP for `xmpp://host:port` (STARTTLS
 * follows) and direct TLS for `xmpps://host:port`, both honouring our TLS settings, and both
 * parsing with {@link LimitedParser} (default limits: 1 MiB per stanza, depth 128).
 *
 * With the default limits the classes are shared by every connection with the same TLS
 * settings: a class per connection costs memory per account, and thousands of distinct parser
 * and transport classes turn xmpp.js's hot paths megamorphic (slower for every account).
 */
export function createTransports(
  settings: TlsSettings,
  limits: Partial<ParserLimits> = {},
): Array<typeof ConnectionTCP> {
  if (Object.keys(limits).length === 0) return [DefaultPlain, cachedDirectTls(settings)];
  const Parser = limitedParserClass(limits);
  return [plainTransport(Parser), directTlsTransport(settings, Parser)];
}
