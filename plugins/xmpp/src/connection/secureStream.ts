/**
 * STARTTLS (RFC 6120 §5) with caller-supplied trust, and the rule that no stream feature
 * after it (SASL above all) runs on an unencrypted stream unless explicitly allowed.
 */
import type { Socket } from 'node:net';
import { SwitchboardError } from '@switchboard/core';
import type { Client } from '@xmpp/client-core';
import { promise } from '@xmpp/events';
import type { Middleware } from '@xmpp/middleware';
import xml from '@xmpp/xml';
import { nextNonza } from './nextNonza';
import { type TlsSettings, TlsSocket } from './TlsSocket';

const NS_STREAM = 'http://etherx.jabber.org/streams';
const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls';

/** Options for {@link secureStream}. */
export interface SecureStreamOptions {
  readonly middleware: Middleware;
  readonly settings: TlsSettings;
  /** Continue without TLS when the server offers none (explicit loopback development only). */
  readonly allowInsecure: boolean;
  readonly timeoutMs: number;
}

async function upgrade(entity: Client, settings: TlsSettings, timeoutMs: number): Promise<void> {
  const answered = nextNonza(entity, NS_TLS, timeoutMs, 'STARTTLS');
  await entity.send(xml('starttls', { xmlns: NS_TLS }));
  const answer = await answered;
  if (!answer.is('proceed', NS_TLS)) {
    throw new SwitchboardError(
      'SB_TLS_FAILED',
      'The server refused STARTTLS; no credential was sent.',
      {
        details: { answer: answer.name },
      },
    );
  }
  const plain = entity.socket as unknown as Socket;
  const tls = TlsSocket.upgrade(plain, settings);
  try {
    await promise(tls, 'connect', 'error', timeoutMs);
  } catch (cause) {
    tls.destroy();
    plain.destroy();
    throw new SwitchboardError(
      'SB_TLS_FAILED',
      `TLS with ${settings.servername} failed: ${(cause as Error).message}. No credential was sent.`,
      { cause, details: { servername: settings.servername } },
    );
  }
  entity._detachSocket();
  entity._attachSocket(tls);
  await entity.restart();
}

/** Installs the STARTTLS step and the TLS guard; must run before the SASL feature. */
export function secureStream({
  middleware,
  settings,
  allowInsecure,
  timeoutMs,
}: SecureStreamOptions): void {
  middleware.use(async ({ stanza, entity }, next) => {
    if (!stanza.is('features', NS_STREAM) || entity.isSecure()) return next();
    if (stanza.getChild('starttls', NS_TLS) !== undefined) {
      await upgrade(entity, settings, timeoutMs);
      return undefined;
    }
    if (allowInsecure) return next();
    throw new SwitchboardError(
      'SB_TLS_REQUIRED',
      'The server offers no TLS, so no credential was sent. Use a server with TLS, or set allowInsecureLoopback for a local development server.',
    );
  });
}
