import type { DownstreamMode } from './DownstreamWriter';
import type { ProxiedConnectionInfo, ProxyDirection, RecordedChunk } from './ProxiedConnection';

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** Where to forward connections, e.g. `server.host`. */
  readonly targetHost: string;
  /** The target port, e.g. `server.port`. */
  readonly targetPort: number;
  /** How server→client bytes reach the client; see {@link DownstreamMode}. Default `pass`. */
  readonly downstream?: DownstreamMode;
  /** With `downstream: 'glued'`, how long bytes are gathered before one write. Default 20 ms. */
  readonly glueMs?: number;
  /** Keep every chunk of every connection with its time. Default true. */
  readonly record?: boolean;
}

/**
 * Which connections an operation applies to: one by its index, the newest one still open or
 * frozen (`latest`), or every one still open or frozen (`live`).
 */
export type ConnectionSelector = number | 'latest' | 'live';

/**
 * A loopback TCP proxy whose connections a test controls one by one: reset, frozen and thawed,
 * with new connections refused for a while, and everything that crossed recorded with its time.
 */
export interface FaultProxy {
  /** `'127.0.0.1'`. */
  readonly host: string;
  /** The port clients connect to instead of the target. */
  readonly port: number;
  /** Every connection accepted so far, oldest first (refused ones are not listed). */
  connections(): readonly ProxiedConnectionInfo[];
  /** The connections still open or frozen. */
  live(): readonly ProxiedConnectionInfo[];
  /**
   * Resets the chosen connections (default `live`): TCP RST to the client and to the server, as
   * a broken network would; bytes held by a freeze are dropped. Returns the indexes reset.
   */
  reset(which?: ConnectionSelector): readonly number[];
  /**
   * Freezes the chosen connections (default `live`): nothing is forwarded either way and nothing
   * is closed, like a link that went dark without a FIN or RST. What arrives meanwhile, FINs
   * and resets included, is held. Returns the indexes frozen.
   */
  freeze(which?: ConnectionSelector): readonly number[];
  /**
   * Thaws the chosen frozen connections (default `live`): what they held is forwarded in order,
   * as by a link that came back, and forwarding continues. Returns the indexes thawed.
   */
  thaw(which?: ConnectionSelector): readonly number[];
  /**
   * While on, each new connection is reset as soon as it is accepted (the client sees
   * ECONNRESET), as by a firewall that rejects; existing connections are not touched.
   */
  dropNew(on: boolean): void;
  /** How many connections were refused by {@link dropNew}. */
  refused(): number;
  /** The chunks connection `index` carried, both directions, in arrival order. */
  recording(index: number): readonly RecordedChunk[];
  /** What connection `index` carried one way, as UTF-8 (ciphertext once TLS started). */
  text(index: number, direction: ProxyDirection): string;
  /**
   * Resolves with connection number `count` (1-based: 1 is the first) once that many were
   * accepted; rejects after `timeoutMs` (default 10,000).
   */
  accepted(count: number, timeoutMs?: number): Promise<ProxiedConnectionInfo>;
  /** Closes the listener and every connection. */
  close(): Promise<void>;
}
