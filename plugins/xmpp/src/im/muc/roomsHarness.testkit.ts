/**
 * Test kit for rooms and history on a real Prosody: accounts of the base XMPP plugin, and a
 * recorder of each account's events that a test can wait on (events that happened before the
 * wait count).
 */
import {
  type Account,
  type AccountConfig,
  type AccountEvents,
  ContainerModule,
  ProfilePluginToken,
  Switchboard,
} from '@switchboard/core';
import type { ProsodyServer } from '@switchboard/testing';
import { defineXmppExtension, type XmppExtensionContext } from '../../extensions/XmppExtension';
import { type XmlElement, xml } from '../../extensions/xmlElement';
import { XmppPlugin } from '../../XmppPlugin';
import { xmppModule } from '../../xmppModule';

type Recorded =
  | 'message'
  | 'occupant'
  | 'topic'
  | 'invitation'
  | 'roomLeft'
  | 'delivery'
  | 'state'
  | 'roomJoined'
  | 'reconnected';
const RECORDED: readonly Recorded[] = [
  'message',
  'occupant',
  'topic',
  'invitation',
  'roomLeft',
  'delivery',
  'state',
  'roomJoined',
  'reconnected',
];

/** Every argument list of event `K`, in order. */
export type Seen = { [K in Recorded]: Parameters<AccountEvents[K]>[] };

/** An account with the events it emitted. */
export interface Recorded_ {
  readonly account: Account;
  readonly seen: Seen;
  /** Resolves once `check` holds for what was seen; rejects after `timeoutMs` with what was seen. */
  until(what: string, check: (seen: Seen) => boolean, timeoutMs?: number): Promise<void>;
  /** Sends a raw stanza on the account's session (what the account API has no method for). */
  raw(stanza: XmlElement): Promise<void>;
  /** Sends a raw IQ and resolves with its reply's child. */
  iq(type: 'get' | 'set', child: XmlElement, to: string): Promise<XmlElement | undefined>;
}

/** Configures `room` (owned by the sender) with muc#roomconfig `fields`. */
export function roomConfig(fields: Record<string, string>): XmlElement {
  return xml(
    'query',
    { xmlns: 'http://jabber.org/protocol/muc#owner' },
    xml(
      'x',
      { xmlns: 'jabber:x:data', type: 'submit' },
      xml(
        'field',
        { var: 'FORM_TYPE' },
        xml('value', {}, 'http://jabber.org/protocol/muc#roomconfig'),
      ),
      ...Object.entries(fields).map(([name, value]) =>
        xml('field', { var: `muc#roomconfig_${name}` }, xml('value', {}, value)),
      ),
    ),
  );
}

/** A muc#admin item change (kick: role none; ban: affiliation outcast). */
export function adminItem(attrs: Record<string, string>, reason?: string): XmlElement {
  return xml(
    'query',
    { xmlns: 'http://jabber.org/protocol/muc#admin' },
    xml('item', attrs, reason === undefined ? null : xml('reason', {}, reason)),
  );
}

/** Accounts on `server`, all disconnected by `closeAll`. */
export function roomsHarness(server: () => ProsodyServer, domain: string) {
  const switchboard = Switchboard.create({
    modules: [
      xmppModule,
      new ContainerModule(({ bind }) => {
        bind(ProfilePluginToken).to(XmppPlugin).inSingletonScope();
      }),
    ],
  });
  const open: Account[] = [];
  let counter = 0;

  function make(user: string, config: Partial<AccountConfig> = {}): Recorded_ {
    counter += 1;
    const account = switchboard.createAccount({
      id: `${user}-${counter}`,
      profile: 'xmpp',
      address: `${user}@${domain}`,
      credential: { kind: 'password', password: `${user}-pw` },
      server: { host: server().host, port: server().port },
      tls: { ca: server().ca },
      reconnect: false,
      liveness: false,
      timeoutMs: 5_000,
      ...config,
    } as AccountConfig);
    open.push(account);
    let context: XmppExtensionContext | undefined;
    account.use(
      defineXmppExtension({
        name: 'raw',
        attach: (c) => {
          context = c;
          return undefined;
        },
      }),
    );
    const ctx = (): XmppExtensionContext => {
      if (context === undefined) throw new Error('not online');
      return context;
    };
    const seen = Object.fromEntries(RECORDED.map((k) => [k, []])) as unknown as Seen;
    const wakers = new Set<() => void>();
    for (const name of RECORDED) {
      account.on(name, ((...args: unknown[]) => {
        (seen[name] as unknown[][]).push(args);
        for (const wake of wakers) wake();
      }) as never);
    }
    const until = (what: string, check: (s: Seen) => boolean, timeoutMs = 10_000): Promise<void> =>
      new Promise((resolve, reject) => {
        const wake = (): void => {
          if (!check(seen)) return;
          wakers.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          wakers.delete(wake);
          reject(
            new Error(`${user}: no ${what} within ${timeoutMs} ms; seen ${JSON.stringify(seen)}`),
          );
        }, timeoutMs);
        wakers.add(wake);
        wake();
      });
    return {
      account,
      seen,
      until,
      raw: (stanza) => ctx().send(stanza),
      iq: (type, child, to) => ctx().request(type, child, { to, parse: (reply) => reply }),
    };
  }

  async function online(user: string, config: Partial<AccountConfig> = {}): Promise<Recorded_> {
    const made = make(user, config);
    await made.account.connect();
    return made;
  }

  async function closeAll(): Promise<void> {
    await Promise.all(open.splice(0).map((a) => a.disconnect().catch(() => undefined)));
  }

  return { make, online, closeAll };
}

/** The bodies of the room messages `seen` holds, in order. */
export function bodiesIn(seen: Seen, room: string): string[] {
  return seen.message
    .filter(([m]) => m.type === 'groupchat' && m.from === room)
    .map(([m]) => m.body);
}
