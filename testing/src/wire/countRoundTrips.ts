import type { WireChunk } from './startWireTap';

/** Which recorded chunks {@link clientFlights} and {@link countRoundTrips} look at. */
export interface RoundTripOptions {
  /**
   * Only chunks the tap read before this time, on the `performance.now()` clock the tap records
   * with (e.g. taken when the login resolved), so what the client sends once online is left out.
   */
  readonly until?: number;
  /** Only this connection (see {@link WireChunk.connection}); default all, each on its own. */
  readonly connection?: number;
}

/** The part of a chunk the counting reads. */
export type TimedChunk = Pick<WireChunk, 'direction' | 'connection' | 'at' | 'forwardedAt'> & {
  readonly bytes: { readonly length: number };
};

/** One client flight: what the client sent before any further server data could reach it. */
export interface Flight {
  readonly connection: number;
  /** When its first chunk reached the tap. */
  readonly at: number;
  /** How many chunks and bytes the client sent in it. */
  readonly chunks: number;
  readonly bytes: number;
  /** Bytes the server sent after it began and before the next flight (or `until`). */
  readonly answerBytes: number;
}

type Building = { -readonly [K in keyof Flight]: Flight[K] };

/**
 * The client's flights, in order, per connection. A chunk from the client opens a new flight
 * when server data was forwarded to the client after the client's previous chunk arrived:
 * only then can the client have been waiting for (and reacting to) the server. Otherwise it
 * belongs to the current flight, however many chunks the client wrote, and whatever the server
 * was still sending that had not reached the client yet (pipelining). Server data the tap held
 * back and never forwarded counts as unseen.
 */
export function clientFlights(
  chunks: readonly TimedChunk[],
  options: RoundTripOptions = {},
): Flight[] {
  const { until = Number.POSITIVE_INFINITY, connection } = options;
  const seen = chunks.filter(
    (c) => c.at < until && (connection === undefined || c.connection === connection),
  );
  const flights: Building[] = [];
  const current = new Map<number, { flight: Building; lastUpAt: number }>();
  for (const chunk of seen) {
    const open = current.get(chunk.connection);
    if (chunk.direction === 'down') {
      if (open !== undefined) open.flight.answerBytes += chunk.bytes.length;
      continue;
    }
    const answered =
      open !== undefined &&
      seen.some(
        (d) =>
          d.direction === 'down' &&
          d.connection === chunk.connection &&
          d.forwardedAt !== undefined &&
          d.forwardedAt > open.lastUpAt &&
          d.forwardedAt <= chunk.at,
      );
    if (open === undefined || answered) {
      const flight: Building = {
        connection: chunk.connection,
        at: chunk.at,
        chunks: 1,
        bytes: chunk.bytes.length,
        answerBytes: 0,
      };
      flights.push(flight);
      current.set(chunk.connection, { flight, lastUpAt: chunk.at });
      continue;
    }
    open.flight.chunks += 1;
    open.flight.bytes += chunk.bytes.length;
    open.lastUpAt = chunk.at;
  }
  return flights;
}

/**
 * Client→server round trips in a recording of {@link startWireTap}: the number of
 * {@link clientFlights}, over every connection (or the one asked for).
 *
 * What is counted: every flight the client sent, the first one of a connection included (the
 * stream header, or the TLS ClientHello on a direct TLS port), because each one costs a trip to
 * the server and back before the client can go on. The tap sees ciphertext once TLS starts, so
 * the TLS handshake's flights count like any other: the ClientHello is one; in TLS 1.3 the
 * client's Finished leaves together with its first application data (the new stream header),
 * so they count once. Not counted: the TCP handshake (SYN, SYN-ACK: one more round trip per
 * connection, which the tap does not see), name resolution, and anything the tap read at or after
 * `until`.
 *
 * On loopback, flights separate cleanly only when the link has latency: record with
 * `delayMs` of a few milliseconds so the client's reaction to server data cannot be confused
 * with data it sent without waiting.
 */
export function countRoundTrips(
  chunks: readonly TimedChunk[],
  options: RoundTripOptions = {},
): number {
  return clientFlights(chunks, options).length;
}
