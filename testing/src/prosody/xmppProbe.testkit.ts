/**
 * Test helpers: a minimal raw XMPP client (RFC 6120 stream, STARTTLS, SASL PLAIN and the first
 * SCRAM message) to look at exactly what the test server offers on the wire.
 */
import { type Socket, connect as tcpConnect } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';

/**
 * The opening stream header a client sends to `domain`, with `from` (the account's bare JID) when
 * given: Prosody 13's mod_sasl2_fast offers FAST only to a stream that names its user.
 */
export function streamHeader(domain: string, from?: string): string {
  const sender = from === undefined ? '' : ` from='${from}'`;
  return `<?xml version='1.0'?><stream:stream${sender} to='${domain}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`;
}

/** Buffers everything a socket receives; `until(marker)` returns and consumes text up to it. */
export interface Reader {
  until(marker: string | RegExp, timeoutMs?: number): Promise<string>;
  detach(): void;
}

/** Starts buffering `socket`'s data at once, so nothing is lost between reads. */
export function reader(socket: Socket | TLSSocket): Reader {
  let buffer = '';
  let wake: (() => void) | undefined;
  const onData = (d: Buffer): void => {
    buffer += d.toString('utf8');
    wake?.();
  };
  socket.on('data', onData);
  return {
    async until(marker, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = typeof marker === 'string' ? buffer.indexOf(marker) : buffer.search(marker);
        if (found >= 0) {
          const length =
            typeof marker === 'string' ? marker.length : (marker.exec(buffer)?.[0].length ?? 0);
          const text = buffer.slice(0, found + length);
          buffer = buffer.slice(found + length);
          return text;
        }
        if (Date.now() >= deadline || socket.destroyed) {
          throw new Error(`no ${marker} in: ${buffer}`);
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
    },
    detach: () => socket.off('data', onData),
  };
}

/** An open client stream: the socket, its reader and the features the server offered. */
export interface Probe {
  readonly socket: Socket | TLSSocket;
  readonly read: Reader;
  readonly features: string;
}

/** Connects over TCP and opens a stream to `domain` (`from` as in {@link streamHeader}). */
export async function openStream(
  host: string,
  port: number,
  domain: string,
  from?: string,
): Promise<Probe> {
  const socket = tcpConnect({ host, port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const read = reader(socket);
  socket.write(streamHeader(domain, from));
  return { socket, read, features: await read.until('</stream:features>') };
}

/** Does STARTTLS on `probe`, verifying the certificate against `ca` for `domain`; reopens the stream. */
export async function startTls(
  probe: Probe,
  domain: string,
  ca: string,
  from?: string,
): Promise<Probe> {
  probe.socket.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
  await probe.read.until('<proceed');
  probe.read.detach();
  const socket = tlsConnect({ socket: probe.socket, servername: domain, ca });
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', resolve);
    socket.once('error', reject);
  });
  const read = reader(socket);
  socket.write(streamHeader(domain, from));
  return { socket, read, features: await read.until('</stream:features>') };
}

/**
 * The mechanism names in a features element, in order: those of classic SASL's `<mechanisms>`
 * only (not SASL2's `<authentication>` nor FAST's, see {@link sasl2Mechanisms}).
 */
export function mechanisms(features: string): string[] {
  const list = /<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>(.*?)<\/mechanisms>/s.exec(
    features,
  )?.[1];
  return [...(list ?? '').matchAll(/<mechanism>([^<]+)<\/mechanism>/g)].map((m) => m[1] ?? '');
}

/** The SASL2 (XEP-0388) mechanism names in a features element, in order, without FAST's. */
export function sasl2Mechanisms(features: string): string[] {
  const element = /<authentication xmlns='urn:xmpp:sasl:2'>(.*?)<\/authentication>/s.exec(
    features,
  )?.[1];
  const own = (element ?? '').replace(/<inline>.*<\/inline>/s, '');
  return [...own.matchAll(/<mechanism>([^<]+)<\/mechanism>/g)].map((m) => m[1] ?? '');
}

/** The channel-binding types a features element announces (XEP-0440), in order. */
export function channelBindings(features: string): string[] {
  const element =
    /<sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'>(.*?)<\/sasl-channel-binding>/s.exec(
      features,
    )?.[1];
  return [...(element ?? '').matchAll(/<channel-binding type='([^']+)'\/>/g)].map(
    (m) => m[1] ?? '',
  );
}

/** Sends SASL PLAIN and returns the server's `<success/>` or `<failure>` element. */
export async function authPlain(probe: Probe, username: string, password: string): Promise<string> {
  const message = Buffer.from(`\0${username}\0${password}`).toString('base64');
  probe.socket.write(
    `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${message}</auth>`,
  );
  const answer = await probe.read.until(/<success[^>]*\/>|<\/failure>/);
  return answer.slice(answer.search(/<(success|failure)/));
}

/** Sends a SCRAM client-first message and returns the decoded server-first message (or failure). */
export async function scramServerFirst(
  probe: Probe,
  mechanism: string,
  username: string,
): Promise<string> {
  const first = Buffer.from(`n,,n=${username},r=abcdefghijklmnop`).toString('base64');
  probe.socket.write(
    `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='${mechanism}'>${first}</auth>`,
  );
  const answer = await probe.read.until(/<\/challenge>|<\/failure>/);
  const challenge = /<challenge[^>]*>([^<]*)<\/challenge>/.exec(answer)?.[1];
  return challenge === undefined ? answer : Buffer.from(challenge, 'base64').toString('utf8');
}
