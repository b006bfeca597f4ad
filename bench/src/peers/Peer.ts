/** Where the benchmark's Prosody listens and what it trusts. */
export interface BenchServer {
  readonly host: string;
  /** c2s port: STARTTLS. */
  readonly port: number;
  /** `wss://…/xmpp-websocket` (RFC 7395), for the peers that speak WebSocket. */
  readonly websocketUrl: string;
  /** The host with users and passwords: PLAIN, SCRAM-SHA-1, SCRAM-SHA-256. */
  readonly passwordDomain: string;
  /** The host that offers OAUTHBEARER (RFC 7628) against a token table. */
  readonly tokenDomain: string;
  /** PEM of the CA that signed the server certificate. */
  readonly ca: string;
  /** Direct TLS (XEP-0368) port, when the server has one. */
  readonly directTlsPort?: number;
}

/** One login: who, with which mechanism and secret (a password, or a bearer token). */
export interface LoginRequest {
  readonly mechanism: string;
  readonly username: string;
  /** `passwordDomain` or `tokenDomain`. */
  readonly domain: string;
  readonly secret: string;
  /** Where to connect instead of the server's own port (a wire tap in front of it). */
  readonly port?: number;
  /** TLS from the first byte (XEP-0368) instead of STARTTLS; `port` is then a direct TLS port. */
  readonly directTls?: boolean;
  /**
   * Log in as a reconnect: the library keeps what it remembers between logins of this user (its
   * user-agent id, FAST token, SCRAM keys), as an application reconnecting would. Default: every
   * login starts from nothing.
   */
  readonly reconnect?: 'fast' | 'password';
}

/** An online connection, reduced to what the scenarios measure. */
export interface PeerSession {
  /** The full JID the server bound. */
  readonly jid: string;
  /** The SASL mechanism the login used, where the library tells. */
  readonly mechanism?: string;
  /** Sends a chat message; does not wait for anything but the library's own send. */
  send(to: string, body: string): void;
  /** Calls `listener` with the body of every inbound chat message. */
  onMessage(listener: (body: string) => void): void;
  /** XEP-0199 ping to the server; resolves when the answer arrives. */
  ping(): Promise<void>;
  /** Closes the stream cleanly (no hibernating session left on the server). */
  close(): Promise<void>;
}

/** A client library under test. */
export interface Peer {
  readonly id: PeerId;
  /** Name and version as shown in the report. */
  readonly label: string;
  readonly transport: 'TCP + STARTTLS' | 'WebSocket (wss)';
  /**
   * Whether the library can log in with `mechanism` at all (`FAST`: a FAST token login,
   * XEP-0484, with whichever HT mechanism it prefers).
   */
  supports(mechanism: string): boolean;
  /** Connect → online (bound and stream management enabled). */
  open(request: LoginRequest): Promise<PeerSession>;
}

export type PeerId = 'switchboard' | 'xmppjs' | 'xmppjs-ws' | 'stanza';

/** Every peer, in report order. */
export const PEER_IDS: readonly PeerId[] = ['switchboard', 'xmppjs', 'xmppjs-ws', 'stanza'];
