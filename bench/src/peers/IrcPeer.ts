/** Where the benchmark's ergo listens and what it trusts. */
export interface IrcBenchServer {
  /** `127.0.0.1`. */
  readonly host: string;
  /** Direct TLS (no STARTTLS on IRC). */
  readonly tlsPort: number;
  /** PEM of the CA that signed the server certificate. */
  readonly ca: string;
}

/** One IRC login: the account (also the nick), its password and the SASL mechanism. */
export interface IrcLoginRequest {
  readonly mechanism: string;
  readonly account: string;
  readonly password: string;
}

/** A registered IRC connection, reduced to what the scenarios measure. */
export interface IrcPeerSession {
  /** Sends a PRIVMSG to `nick`; does not wait for anything but the library's own send. */
  send(nick: string, body: string): void;
  /** Calls `listener` with the text of every inbound PRIVMSG. */
  onMessage(listener: (body: string) => void): void;
  /** Sends QUIT and resolves once the connection is closed. */
  close(): Promise<void>;
}

/** An IRC client library under test. */
export interface IrcPeer {
  readonly id: IrcPeerId;
  /** Name and version as shown in the report. */
  readonly label: string;
  /** Whether the library can log in with `mechanism` at all. */
  supports(mechanism: string): boolean;
  /** TLS connect → SASL → registered (RPL_WELCOME, 001). */
  open(request: IrcLoginRequest): Promise<IrcPeerSession>;
}

export type IrcPeerId = 'switchboard' | 'irc-framework';

/** Every IRC peer, in report order. */
export const IRC_PEER_IDS: readonly IrcPeerId[] = ['switchboard', 'irc-framework'];

/** A peer that cannot run in this build, and why (shown in the report instead of numbers). */
export interface IrcPeerUnavailable {
  readonly id: IrcPeerId;
  readonly unavailable: string;
}
