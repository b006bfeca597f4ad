/**
 * Lines with this account's own nick as source: the server's echo of a line this session sent
 * (`echo-message`: the send is acknowledged), or a message the account sent on another
 * connection (ergo multiclient, a bouncer's `znc.in/self-message`), reported as an own message,
 * never as an inbound one.
 */
import type { SendReport, SessionSink } from '@switchboard/core';
import { ownMessageOf } from '../im/ownMessage';
import { foldCase } from '../wire/casemapping';
import type { IrcMessage } from '../wire/IrcMessage';
import type { Isupport } from '../wire/Isupport';
import type { OutboundPump } from './OutboundPump';
import type { RecentIds } from './RecentIds';

/** What {@link OwnLines} needs from its session. */
export interface OwnLinesOptions {
  readonly outbound: OutboundPump;
  readonly recent: RecentIds;
  readonly sink: Pick<SessionSink, 'ownMessage'> & { sent(report: SendReport): void };
  readonly isMe: (nick: string) => boolean;
  readonly isupport: Isupport;
  /** The capabilities on now (`echo-message`). */
  readonly caps: () => ReadonlyMap<string, string>;
  /** The server echoed every line of the message `id` (channels report it delivered). */
  readonly accepted?: (id: string) => void;
}

/** Sorts the session's own lines into echoes and messages from other connections. */
export class OwnLines {
  readonly #options: OwnLinesOptions;

  constructor(options: OwnLinesOptions) {
    this.#options = options;
  }

  /**
   * True when `message` came from our own nick (it is then handled): a PRIVMSG or NOTICE is an
   * echo when it carries a label (labels come back only to the connection that sent them) or is
   * the oldest unlabelled line in flight with the same target and text; otherwise another
   * connection sent it (reported once per `msgid`). Our typing on other connections is dropped.
   */
  receive(message: IrcMessage, label: string | undefined, replayed: boolean): boolean {
    const options = this.#options;
    if (message.source?.kind !== 'user' || !options.isMe(message.source.nick)) return false;
    if (message.command === 'TAGMSG') return true;
    if (message.command !== 'PRIVMSG' && message.command !== 'NOTICE') return false;
    const [target = '', text = ''] = message.params;
    const fold = (name: string) => foldCase(name, options.isupport.casemapping);
    const echo = label !== undefined || options.outbound.expects(target, text, fold);
    if (options.caps().has('echo-message') && echo) {
      // A catch-up after a reconnect must not return this line as another device's message.
      const msgid = message.tags.get('msgid');
      if (msgid !== undefined) options.recent.add(msgid);
      for (const id of options.outbound.accept(label)) {
        options.sink.sent({ id, status: 'acknowledged' });
        options.accepted?.(id);
      }
      return true;
    }
    const archived = options.caps().has('draft/chathistory');
    const chanTypes = options.isupport.chanTypes;
    const own = ownMessageOf(message, { replayed, archived, chanTypes });
    if (own === undefined || (own.id !== undefined && options.recent.seen(own.id))) return true;
    options.sink.ownMessage?.(own);
    return true;
  }
}
