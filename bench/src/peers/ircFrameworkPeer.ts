import { Client } from 'irc-framework';
import type { IrcBenchServer, IrcLoginRequest, IrcPeer, IrcPeerSession } from './IrcPeer';

/** How long one login may take before it counts as failed (far above any measured login). */
const LOGIN_LIMIT_MS = 10_000;

function closed(client: Client): Promise<void> {
  return new Promise<void>((resolve) => {
    client.once('close', () => resolve());
    client.quit('bye');
  });
}

/**
 * irc-framework 4.14, the most used Node IRC client, one client per login over direct TLS with
 * its defaults, except: no reconnecting, a failed SASL login ends the connection (by default it
 * registers without the account), and `echo-message` requested, so the server sends the same
 * lines to it as to Switchboard, which confirms each sent message by its echo. It speaks SASL
 * PLAIN (and EXTERNAL) only, and has no outbound flood control. It cannot be given a CA: the
 * worker runs with NODE_EXTRA_CA_CERTS; certificates are verified (Node's default).
 */
export function ircFrameworkPeer(server: IrcBenchServer): IrcPeer {
  return {
    id: 'irc-framework',
    label: 'irc-framework 4.14',
    supports: (mechanism) => mechanism === 'PLAIN',
    open(request: IrcLoginRequest): Promise<IrcPeerSession> {
      const client = new Client();
      return new Promise<IrcPeerSession>((resolve, reject) => {
        let loggedIn = false;
        const fail = (reason: string): void => {
          clearTimeout(timer);
          client.quit();
          reject(new Error(`irc-framework: ${request.account}: ${reason}`));
        };
        const timer = setTimeout(() => fail('not registered in time'), LOGIN_LIMIT_MS);
        client.once('loggedin', () => {
          loggedIn = true;
        });
        client.once('sasl failed', (event) => fail(`SASL failed: ${JSON.stringify(event)}`));
        client.once('socket close', () => fail('the connection closed before registration'));
        client.once('registered', () => {
          clearTimeout(timer);
          client.removeAllListeners('socket close');
          client.removeAllListeners('sasl failed');
          // 001 without 900 would be a guest connection, not a login.
          if (!loggedIn) {
            fail('registered without logging in');
            return;
          }
          resolve({
            send: (nick, body) => client.say(nick, body),
            onMessage: (listener) => client.on('privmsg', (event) => listener(event.message)),
            close: () => closed(client),
          });
        });
        client.connect({
          host: server.host,
          port: server.tlsPort,
          tls: true,
          nick: request.account,
          username: request.account,
          gecos: request.account,
          account: { account: request.account, password: request.password },
          sasl_mechanism: request.mechanism,
          sasl_disconnect_on_fail: true,
          enable_echomessage: true,
          auto_reconnect: false,
        });
      });
    },
  };
}
