/**
 * Opens the TCP or TLS connection of an IRC session, bounded in time and abortable, with
 * failures as coded errors.
 */
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls, type SecureContext } from 'node:tls';
import { SwitchboardError } from '@switchboard/core';
import { isTlsErrorCode, NETWORK_ERROR_CODES, secureContextFor } from '@switchboard/core/transport';

/** What {@link openSocket} connects to. */
export interface SocketTarget {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte; false only for plain TCP (loopback, or before an STS upgrade). */
  readonly tls: boolean;
  readonly servername: string;
  readonly ca: readonly string[] | undefined;
  /** A client certificate and its key (PEM), for SASL EXTERNAL. */
  readonly clientCertificate?: { readonly cert: string; readonly key: string } | undefined;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

/** A transport failure as SB_TLS_FAILED or SB_CONNECTION_FAILED naming host and port. */
export function transportError(
  error: unknown,
  target: { host: string; port: number },
): SwitchboardError {
  if (SwitchboardError.is(error)) return error;
  const code = (error as { code?: string } | undefined)?.code;
  const where = `${target.host}:${target.port}`;
  if (isTlsErrorCode(code)) {
    return new SwitchboardError('SB_TLS_FAILED', `TLS with ${where} failed (${code}).`, {
      cause: error,
      details: { code, host: target.host, port: target.port },
    });
  }
  return new SwitchboardError(
    'SB_CONNECTION_FAILED',
    `Could not reach ${where}${code !== undefined && NETWORK_ERROR_CODES.has(code) ? ` (${code})` : ''}.`,
    { cause: error, details: { code, host: target.host, port: target.port } },
  );
}

/** Resolves with the connected (and, for TLS, verified) socket. */
export function openSocket(target: SocketTarget): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    let secureContext: SecureContext | undefined;
    try {
      secureContext = target.tls
        ? secureContextFor(target.ca, target.clientCertificate)
        : undefined;
    } catch {
      // Node's message names the decoder step only; the PEM itself never reaches the error.
      reject(
        new SwitchboardError(
          'SB_CONFIG_INVALID',
          'The trusted CA or the client certificate and key could not be loaded as PEM.',
          { details: { field: target.clientCertificate === undefined ? 'tls.ca' : 'credential' } },
        ),
      );
      return;
    }
    const socket: Socket = target.tls
      ? connectTls({
          host: target.host,
          port: target.port,
          // RFC 6066 has no IP addresses in SNI; the certificate is still checked against it.
          ...(isIP(target.servername) === 0 ? { servername: target.servername } : {}),
          secureContext,
          rejectUnauthorized: true,
          ALPNProtocols: ['irc'],
        })
      : connectTcp({ host: target.host, port: target.port });
    const ready = target.tls ? 'secureConnect' : 'connect';
    const fail = (error: SwitchboardError): void => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onError = (error: Error): void => fail(transportError(error, target));
    const onAbort = (): void =>
      fail(
        SwitchboardError.is(target.signal?.reason)
          ? target.signal.reason
          : new SwitchboardError('SB_ABORTED', 'The login was given up.'),
      );
    const timer = setTimeout(
      () =>
        fail(
          new SwitchboardError(
            'SB_TIMEOUT',
            `${target.host}:${target.port} did not accept the connection in time.`,
            { details: { host: target.host, port: target.port, timeoutMs: target.timeoutMs } },
          ),
        ),
      target.timeoutMs,
    );
    const cleanup = (): void => {
      clearTimeout(timer);
      socket.off('error', onError);
      target.signal?.removeEventListener('abort', onAbort);
    };
    if (target.signal?.aborted === true) {
      onAbort();
      return;
    }
    target.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.once(ready, () => {
      cleanup();
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}
