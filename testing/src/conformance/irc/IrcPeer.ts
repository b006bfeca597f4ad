/**
 * The conformance kit's IRC peer: the testing kit's raw {@link IrcLineClient} registered with a
 * nick (IRCv3 `message-tags` requested for `+typing`), speaking PRIVMSG, NOTICE and TAGMSG by
 * hand. It shares no code with the IRC plugin.
 */
import type { MessageType } from '@switchboard/core';
import { IrcLineClient } from '../../ergo/IrcLineClient';
import type { IrcLine } from '../../ergo/parseIrcLine';
import type { ConformancePeer, PeerMessage } from '../ConformancePeer';

/** Where the peer connects and the nick it takes. */
export interface IrcPeerOptions {
  readonly host: string;
  /** The server's TLS port. */
  readonly port: number;
  /** PEM of the CA that signed the server's certificate. */
  readonly ca: string;
  readonly nick: string;
  /** How long each wait lasts. Default 10,000 ms. */
  readonly timeoutMs?: number;
}

/** The typing states of the `+typing` client tag (https://ircv3.net/specs/client-tags/typing). */
export type TypingState = 'active' | 'paused' | 'done';

/** The nick of a `nick!user@host` source. */
const nickOf = (line: IrcLine): string => (line.source ?? '').split('!')[0] ?? '';

/** A registered IRC peer; see {@link IrcPeer.connect}. */
export class IrcPeer implements ConformancePeer {
  private constructor(
    private readonly client: IrcLineClient,
    readonly address: string,
  ) {}

  /** Connects over TLS, requests `message-tags`, registers `nick` and waits for 001. */
  static async connect(options: IrcPeerOptions): Promise<IrcPeer> {
    const client = await IrcLineClient.connect({
      host: options.host,
      port: options.port,
      tls: { ca: options.ca },
      timeoutMs: options.timeoutMs ?? 10_000,
    });
    try {
      client.send('CAP REQ :message-tags');
      client.send(`NICK ${options.nick}`);
      client.send(`USER ${options.nick} 0 * :${options.nick}`);
      await client.nextCommand('CAP');
      client.send('CAP END');
      await client.nextCommand('001');
    } catch (error) {
      await client.close();
      throw error;
    }
    return new IrcPeer(client, options.nick);
  }

  /** Every line received, in order. */
  get received(): readonly IrcLine[] {
    return this.client.received;
  }

  /** Sends PRIVMSG (`chat`, `normal`) or NOTICE (`headline`). */
  sendMessage(to: string, body: string, type: MessageType = 'chat'): void {
    this.client.send(`${type === 'headline' ? 'NOTICE' : 'PRIVMSG'} ${to} :${body}`);
  }

  /** Sends `line` as it is (a command the other methods do not build). */
  sendRaw(line: string): void {
    this.client.send(line);
  }

  /** Marks the peer away with `status`, or back when `status` is undefined (`AWAY`). */
  setAway(status?: string): void {
    this.client.send(status === undefined ? 'AWAY' : `AWAY :${status}`);
  }

  /** Sends a TAGMSG with the `+typing` tag. */
  sendTyping(to: string, state: TypingState): void {
    this.client.send(`@+typing=${state} TAGMSG ${to}`);
  }

  /** The first PRIVMSG (`chat`) or NOTICE (`headline`) with exactly `body`, from its sender's nick. */
  async waitForMessage(body: string): Promise<PeerMessage> {
    const line = await this.waitFor(
      (l) => (l.command === 'PRIVMSG' || l.command === 'NOTICE') && l.params[1] === body,
    );
    return { from: nickOf(line), type: line.command === 'NOTICE' ? 'headline' : 'chat' };
  }

  /** The first TAGMSG from `from` whose `+typing` tag is `state`. */
  waitForTyping(from: string, state: TypingState): Promise<IrcLine> {
    return this.waitFor(
      (l) =>
        l.command === 'TAGMSG' &&
        nickOf(l) === from &&
        (l.tags ?? '').split(';').includes(`+typing=${state}`),
    );
  }

  /** The first line received so far or from now on that `match` accepts. */
  waitFor(match: (line: IrcLine) => boolean): Promise<IrcLine> {
    const seen = this.client.received.find(match);
    return seen === undefined ? this.client.next(match) : Promise.resolve(seen);
  }

  /** Sends QUIT and closes the connection. */
  close(): Promise<void> {
    return this.client.close();
  }
}
