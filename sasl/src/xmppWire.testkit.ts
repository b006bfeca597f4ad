/**
 * A minimal raw XMPP client for the live specs of the mechanisms against Prosody: STARTTLS, the
 * stream features, and one SASL exchange (classic RFC 6120 or SASL2 XEP-0388) driven by a
 * mechanism of this package, with the TLS channel binding data of the connection. Test-only.
 */
import { createHash } from 'node:crypto';
import { connect as tcpConnect } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import type {
  ChannelBindingType,
  SaslCredentials,
  SaslLoginContext,
  SaslMechanismDefinition,
} from '@switchboard/core';

// `from` matters: mod_sasl2_fast offers FAST only when it knows the user from the stream header.
const header = (domain: string) =>
  `<?xml version='1.0'?><stream:stream to='${domain}' from='alice@${domain}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`;

/** A TLS stream with its features. */
export interface WireStream {
  readonly socket: TLSSocket;
  readonly features: string;
  until(pattern: RegExp): Promise<string>;
  write(text: string): void;
  close(): void;
}

function buffered(socket: {
  on(e: 'data', f: (d: Buffer) => void): void;
  off(e: 'data', f: (d: Buffer) => void): void;
}) {
  let buffer = '';
  let wake: (() => void) | undefined;
  const onData = (d: Buffer) => {
    buffer += d.toString('utf8');
    wake?.();
  };
  socket.on('data', onData);
  return {
    async until(pattern: RegExp): Promise<string> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const match = pattern.exec(buffer);
        if (match !== null) {
          const end = match.index + match[0].length;
          const text = buffer.slice(0, end);
          buffer = buffer.slice(end);
          return text;
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} in ${buffer}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
    },
    detach: () => socket.off('data', onData),
  };
}

/** Connects, does STARTTLS (certificate checked against `ca`) and reads the features. */
export async function openTlsStream(port: number, domain: string, ca: string): Promise<WireStream> {
  const plain = tcpConnect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    plain.once('connect', resolve);
    plain.once('error', reject);
  });
  const first = buffered(plain);
  plain.write(header(domain));
  await first.until(/<\/stream:features>/);
  plain.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
  await first.until(/<proceed[^>]*\/>/);
  first.detach();
  const socket = tlsConnect({ socket: plain, servername: domain, ca });
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', resolve);
    socket.once('error', reject);
  });
  const read = buffered(socket);
  socket.write(header(domain));
  const features = await read.until(/<\/stream:features>/);
  return {
    socket,
    features,
    until: read.until,
    write: (text) => socket.write(text),
    close: () => socket.destroy(),
  };
}

/** The texts of `<tag>` children inside the element `container` (first match). */
function texts(xml: string, container: RegExp, tag: string): string[] {
  const inner = container.exec(xml)?.[0] ?? '';
  return [...inner.matchAll(new RegExp(`<${tag}>([^<]+)</${tag}>`, 'g'))].map((m) => m[1] ?? '');
}

/** What the features offer: classic mechanisms, SASL2 mechanisms, XEP-0440 types, FAST. */
export function offerOf(features: string) {
  return {
    classic: texts(
      features,
      /<mechanisms[^>]*urn:ietf:params:xml:ns:xmpp-sasl[\s\S]*?<\/mechanisms>/,
      'mechanism',
    ),
    sasl2: texts(
      features,
      /<authentication[^>]*urn:xmpp:sasl:2[\s\S]*?<\/authentication>/,
      'mechanism',
    ).filter((name) => !name.startsWith('HT-')),
    fast: texts(features, /<fast[^>]*urn:xmpp:fast:0[\s\S]*?<\/fast>/, 'mechanism'),
    bindings: [...features.matchAll(/<channel-binding type=['"]([^'"]+)['"]/g)].map(
      (m) => m[1] ?? '',
    ),
  };
}

/** The binding data of this TLS connection (RFC 9266, RFC 5929 with SHA-256 certificates). */
export function bindingData(socket: TLSSocket, type: ChannelBindingType): Uint8Array | undefined {
  if (type === 'tls-exporter') {
    return socket.getProtocol() === 'TLSv1.3'
      ? socket.exportKeyingMaterial(32, 'EXPORTER-Channel-Binding', Buffer.alloc(0))
      : undefined;
  }
  if (type === 'tls-server-end-point') {
    return createHash('sha256').update(socket.getPeerCertificate().raw).digest();
  }
  return socket.getProtocol() === 'TLSv1.3' ? undefined : (socket.getFinished() ?? undefined);
}

/** A context for `stream` with the given binding types (best first). */
export function liveContext(
  stream: WireStream,
  channelBindings: readonly ChannelBindingType[],
  extra: Partial<SaslLoginContext> & Pick<SaslLoginContext, 'offered'>,
): SaslLoginContext {
  return {
    channelBindings,
    channelBindingData: (type) => bindingData(stream.socket, type),
    ...extra,
  };
}

const b64 = (data: unknown) =>
  data === null || data === undefined
    ? '='
    : Buffer.from(typeof data === 'string' ? data : (data as Uint8Array)).toString('base64') || '=';

/** How an exchange ended: `success` (the mechanism verified it) or the server's failure XML. */
export type Outcome = { readonly success: string } | { readonly failure: string };

/**
 * Runs one SASL exchange with `definition` over `stream`: classic (`<auth/>`) or SASL2
 * (`<authenticate/>`, with `inner` XML such as a user-agent and a FAST token request).
 * Throws what the mechanism throws.
 */
export async function exchange(
  stream: WireStream,
  definition: SaslMechanismDefinition,
  credentials: SaslCredentials,
  context: SaslLoginContext,
  sasl2?: { readonly inner?: string },
): Promise<Outcome> {
  const mechanism = definition.create(context);
  const initial = b64(await mechanism.response(credentials));
  const ns = sasl2 === undefined ? 'urn:ietf:params:xml:ns:xmpp-sasl' : 'urn:xmpp:sasl:2';
  stream.write(
    sasl2 === undefined
      ? `<auth xmlns='${ns}' mechanism='${definition.name}'>${initial}</auth>`
      : `<authenticate xmlns='${ns}' mechanism='${definition.name}'><initial-response>${initial}</initial-response>${sasl2.inner ?? ''}</authenticate>`,
  );
  for (;;) {
    const answer = await stream.until(
      /<challenge[^>]*>[^<]*<\/challenge>|<success[^>]*\/>|<success[\s\S]*?<\/success>|<failure[\s\S]*?<\/failure>/,
    );
    const at = answer.search(/<(challenge|success|failure)/);
    const element = answer.slice(at);
    if (element.startsWith('<failure')) {
      mechanism.failureDetails?.();
      return { failure: element };
    }
    if (element.startsWith('<challenge')) {
      const data = /<challenge[^>]*>([^<]*)</.exec(element)?.[1] ?? '';
      await mechanism.challenge(Buffer.from(data, 'base64'));
      const response = b64(await mechanism.response(credentials));
      stream.write(`<response xmlns='${ns}'>${response}</response>`);
      continue;
    }
    const additional =
      sasl2 === undefined
        ? /<success[^>]*>([^<]*)<\/success>/.exec(element)?.[1]
        : /<additional-data>([^<]*)<\/additional-data>/.exec(element)?.[1];
    await mechanism.success?.(
      additional === undefined || additional === '' ? null : Buffer.from(additional, 'base64'),
    );
    return { success: element };
  }
}
