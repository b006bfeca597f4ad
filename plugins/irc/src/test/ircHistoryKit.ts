/**
 * Test helpers for history and other devices on ergo: a Switchboard with a stanza log, a raw
 * line client logged in with SASL PLAIN (another connection of an account, or a contact), and
 * collectors of an account's events.
 */
import {
  type Account,
  ContainerModule,
  type InboundMessage,
  type OwnMessage,
  ProfilePluginToken,
  type SessionSink,
  type StanzaLogEntry,
  Switchboard,
} from '@switchboard/core';
import { type ErgoServer, type IrcLine, IrcLineClient } from '@switchboard/testing';
import { IrcPlugin } from '../IrcPlugin';
import { ircModule } from '../ircModule';

/** A Switchboard with the base IRC plugin as profile `irc`, logging every line to `log`. */
export function loggedSwitchboard(log: StanzaLogEntry[]): Switchboard {
  const profile = new ContainerModule(({ bind }) => {
    bind(ProfilePluginToken).to(IrcPlugin).inSingletonScope();
  });
  return Switchboard.create({ modules: [ircModule, profile], stanzaLog: (e) => log.push(e) });
}

/**
 * A raw client logged in as `name` (SASL PLAIN over TLS) with `caps` (default the tags, batches
 * and echo a modern client asks for), after the end of the MOTD.
 */
export async function rawLogin(
  server: ErgoServer,
  name: string,
  password: string,
  caps = 'sasl message-tags server-time echo-message batch',
): Promise<IrcLineClient> {
  const client = await IrcLineClient.connect({ port: server.tlsPort, tls: { ca: server.ca } });
  // CAP first: registration waits for CAP END, so the reserved nick is taken after SASL.
  client.send(`CAP REQ :${caps}`);
  client.send(`NICK ${name}`);
  client.send(`USER ${name} 0 * :${name}`);
  await client.next((l) => l.command === 'CAP' && l.params[1] === 'ACK');
  client.send('AUTHENTICATE PLAIN');
  await client.nextCommand('AUTHENTICATE');
  client.send(`AUTHENTICATE ${Buffer.from(`\0${name}\0${password}`).toString('base64')}`);
  await client.nextCommand('903');
  client.send('CAP END');
  await client.nextCommand('422', '376');
  return client;
}

/** The `msgid` tag of a raw line. */
export function msgidOf(line: IrcLine): string | undefined {
  return /(?:^|;)msgid=([^;]+)/.exec(line.tags ?? '')?.[1];
}

/** Sends `PRIVMSG target :text` from a raw client and resolves with its echo's msgid. */
export async function rawSend(
  client: IrcLineClient,
  target: string,
  text: string,
): Promise<string> {
  client.send(`PRIVMSG ${target} :${text}`);
  const echo = await client.next(
    (l) => l.command === 'PRIVMSG' && l.params[0] === target && l.params[1] === text,
  );
  return msgidOf(echo) ?? '';
}

/** Everything `account` reports as `message` and `ownMessage`, in order, from now on. */
export function collect(account: Account): { messages: InboundMessage[]; own: OwnMessage[] } {
  const got = { messages: [] as InboundMessage[], own: [] as OwnMessage[] };
  account.on('message', (m) => got.messages.push(m));
  account.on('ownMessage', (m) => got.own.push(m));
  return got;
}

/** Resolves once `test` holds, checking after each event of `account` (bounded by jest). */
export function until(account: Account, test: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (test()) {
      resolve();
      return;
    }
    const check = (): void => {
      if (!test()) return;
      account.off('message', check);
      account.off('ownMessage', check);
      resolve();
    };
    account.on('message', check);
    account.on('ownMessage', check);
  });
}

/** A session sink that records messages and own messages and ignores the rest. */
export function recordingSink(): SessionSink & {
  readonly messages: InboundMessage[];
  readonly own: OwnMessage[];
} {
  const messages: InboundMessage[] = [];
  const own: OwnMessage[] = [];
  const ignore = (): void => undefined;
  return {
    messages,
    own,
    message: (m) => messages.push(m),
    ownMessage: (m) => own.push(m),
    authenticating: ignore,
    mechanismSelected: ignore,
    presence: ignore,
    subscription: ignore,
    chatState: ignore,
    roster: ignore,
    sent: ignore,
    bounced: ignore,
    carryOver: ignore,
    closed: ignore,
  };
}
