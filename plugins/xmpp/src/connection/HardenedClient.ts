/**
 * xmpp.js's Client with two fixes for broken or hostile servers (xmpp.js 0.14 `Connection`);
 * every session openXmppSession opens uses it.
 */
import { SwitchboardError } from '@switchboard/core';
import { Client } from '@xmpp/client-core';
import { promise } from '@xmpp/events';
import type { JID } from '@xmpp/jid';

/** The parts of xmpp.js's Connection used here; not in its typings. */
interface ConnectionInternals {
  parser: unknown;
  connect(service: string | undefined): Promise<unknown>;
  open(options: { domain?: string; lang?: string }): Promise<unknown>;
}

const ignore = (): void => undefined;

/**
 * - Data that arrives after xmpp.js dropped its parser (after the server's `</stream:stream>`,
 *   or after a parse error) is discarded; xmpp.js would throw inside the socket's data
 *   handler, an uncaught exception in the host.
 * - `start()` does not leave a rejected promise unobserved when the stream fails while it
 *   opens (xmpp.js's `online` promise then rejects with nobody waiting: an unhandled
 *   rejection in the host), and fails at once with SB_CONNECTION_CLOSED when the server
 *   closes the stream or the connection before the login completes, instead of waiting for
 *   a timeout.
 */
export class HardenedClient extends Client {
  _onData(data: Buffer): void {
    if ((this as unknown as ConnectionInternals).parser === null) return;
    (Client.prototype as unknown as { _onData(data: Buffer): void })._onData.call(this, data);
  }

  override async start(): Promise<JID> {
    if (this.status !== 'offline') throw new Error('Connection is not offline');
    const self = this as unknown as ConnectionInternals;
    const { service, domain, lang } = this.options;
    await self.connect(service);
    let stopWatching = ignore;
    const closed = new Promise<never>((_, reject) => {
      const onClosed = (): void =>
        reject(
          new SwitchboardError(
            'SB_CONNECTION_CLOSED',
            'The server closed the connection before the login completed.',
          ),
        );
      this.once('close', onClosed);
      this.once('disconnect', onClosed);
      stopWatching = () => {
        this.off('close', onClosed);
        this.off('disconnect', onClosed);
      };
    });
    const online = promise<JID>(this, 'online');
    const opened = self.open({
      ...(domain === undefined ? {} : { domain }),
      ...(lang === undefined ? {} : { lang }),
    });
    // Whichever settles first decides; the others must not become unhandled rejections.
    for (const pending of [closed, online, opened]) pending.catch(ignore);
    try {
      await Promise.race([opened, closed]);
      return await Promise.race([online, closed]);
    } finally {
      stopWatching();
    }
  }
}
