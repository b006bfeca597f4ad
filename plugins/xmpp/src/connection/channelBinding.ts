/**
 * Channel binding data of a TLS connection (RFC 5929, RFC 9266): what SCRAM-*-PLUS and the
 * HT-*-EXPR/ENDP/UNIQ mechanisms bind a login to.
 */
import type { TLSSocket } from 'node:tls';
import type { ChannelBindingType } from '@switchboard/core';
import { serverEndPoint } from './serverEndPoint';

/** Every type this client can produce, best first (RFC 9266 before RFC 5929). */
export const CHANNEL_BINDING_PREFERENCE: readonly ChannelBindingType[] = [
  'tls-exporter',
  'tls-server-end-point',
  'tls-unique',
];

/**
 * The binding data of `type` for `socket`, or undefined when this connection cannot produce it:
 * `tls-exporter` only on TLS 1.3 (the RFC 9266 exporter, label `EXPORTER-Channel-Binding`, empty
 * context), `tls-unique` only below TLS 1.3 (our first Finished message: we never resume TLS
 * sessions), `tls-server-end-point` whenever the server sent a certificate.
 */
export function channelBindingData(
  socket: TLSSocket,
  type: ChannelBindingType,
): Uint8Array | undefined {
  const version = socket.getProtocol();
  if (version === null) return undefined;
  switch (type) {
    case 'tls-exporter':
      if (version !== 'TLSv1.3') return undefined;
      return new Uint8Array(
        socket.exportKeyingMaterial(32, 'EXPORTER-Channel-Binding', Buffer.alloc(0)),
      );
    case 'tls-unique': {
      if (version === 'TLSv1.3') return undefined;
      const finished = socket.getFinished();
      return finished === undefined ? undefined : new Uint8Array(finished);
    }
    case 'tls-server-end-point': {
      const raw = socket.getPeerCertificate()?.raw;
      return raw === undefined || raw.length === 0 ? undefined : serverEndPoint(raw);
    }
    default:
      return undefined;
  }
}

/** The types `socket` can produce, best first. */
export function channelBindingTypes(socket: TLSSocket): ChannelBindingType[] {
  const version = socket.getProtocol();
  if (version === null) return [];
  return CHANNEL_BINDING_PREFERENCE.filter((type) => {
    if (type === 'tls-exporter') return version === 'TLSv1.3';
    if (type === 'tls-unique') return version !== 'TLSv1.3' && socket.getFinished() !== undefined;
    return (socket.getPeerCertificate()?.raw?.length ?? 0) > 0;
  });
}
