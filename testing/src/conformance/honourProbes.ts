import type { Account, Capability, CapabilitySet, MessageType } from '@switchboard/core';
import type { AccountRecorder } from './AccountRecorder';
import type { ConformancePeer } from './ConformancePeer';
import type { JabberPeer } from './JabberPeer';
import { bare } from './peerXml';

/** What a probe works with: the account (online once `run` is called) and an online peer. */
export interface HonourContext<P extends ConformancePeer = JabberPeer> {
  readonly account: Account;
  readonly events: AccountRecorder;
  readonly peer: P;
}

/** One check that the server really does what a capability declared true promises. */
export interface HonourProbe<P extends ConformancePeer = JabberPeer> {
  /** For the test name, e.g. `setVCard (vcard.write)`. */
  readonly label: string;
  /** Runs while the account is still offline (e.g. to leave it a message). */
  readonly beforeConnect?: (context: HonourContext<P>) => Promise<void>;
  readonly run: (context: HonourContext<P>) => Promise<void>;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type Check = (set: CapabilitySet) => Omit<HonourProbe, 'label'> & { readonly name: string };

/**
 * The check of each capability. `undefined` marks a capability the kit cannot check yet: its
 * check needs a peer on a protocol that has it (`watch`: IRC `MONITOR`, written with the IRC
 * conformance run). A profile that declares such a capability true gets a probe that fails and
 * says so ({@link uncheckedProbe}): nothing declared passes unchecked.
 */
const CHECKS: Readonly<Record<Capability, Check | undefined>> = {
  'roster.read': () => ({
    name: 'getRoster',
    run: async ({ account }) => expect(await account.getRoster()).toEqual(expect.any(Array)),
  }),
  'roster.write': (set) => ({
    name: 'addContact, removeContact',
    run: async ({ account, peer }) => {
      const contact = { address: bare(peer.address), name: 'Conformance', groups: ['Kit'] };
      await account.addContact(contact);
      const listed = async (): Promise<string[]> =>
        (await account.getRoster()).map((i) => `${i.address} ${i.name} ${i.groups.join()}`);
      if (set['roster.read'])
        expect(await listed()).toContain(`${contact.address} Conformance Kit`);
      await account.removeContact(contact.address);
      if (set['roster.read']) expect((await listed()).join()).not.toContain(contact.address);
    },
  }),
  subscriptions: (set) => ({
    name: 'subscribe, unsubscribe, subscription events',
    run: async ({ account, events, peer }) => {
      const me = bare(account.address ?? account.config.address);
      const contact = bare(peer.address);
      // RFC 6121 §2.1.6: answers to subscriptions go to the resources that asked for the roster.
      if (set['roster.read']) await account.getRoster();
      await account.subscribe(contact);
      await peer.waitFor(
        (s) =>
          s.name === 'presence' && s.attrs.type === 'subscribe' && bare(s.attrs.from ?? '') === me,
        'the subscription request',
      );
      peer.sendSubscription(me, 'subscribed');
      await events.waitFor(
        'subscription',
        (u) => bare(u.from) === contact && u.type === 'subscribed',
        'the approval',
      );
      await account.unsubscribe(contact);
      // The server's roster push says the account no longer sees the contact's presence.
      if (set['roster.read']) {
        await events.waitFor(
          'roster',
          (item) => item.address === contact && item.subscription === 'none',
          'the roster push after unsubscribing',
        );
      }
    },
  }),
  watch: undefined,
  'vcard.read': () => ({
    name: 'getVCard',
    run: async ({ account, peer }) =>
      expect(await account.getVCard(bare(peer.address))).toEqual(expect.any(Object)),
  }),
  'vcard.write': (set) => ({
    name: 'setVCard',
    run: async ({ account }) => {
      const vcard = { fullName: 'Conformance <&> Ωmega', nickname: 'kit' };
      await account.setVCard(vcard);
      if (set['vcard.read']) expect(await account.getVCard()).toMatchObject(vcard);
    },
  }),
  chatStates: () => ({
    name: 'sendChatState, chatState events',
    run: async ({ account, events, peer }) => {
      await account.sendChatState(peer.address, 'composing');
      await peer.waitFor(
        (s) => s.attrs.from === account.address && s.children.some((c) => c.name === 'composing'),
        'a composing notification',
      );
      peer.sendChatState(account.address ?? '', 'paused');
      await events.waitFor(
        'chatState',
        (u) => u.from === peer.address && u.state === 'paused',
        'a paused notification',
      );
    },
  }),
  delayedDelivery: () => {
    const body = 'delayed: sent while the account was offline';
    return {
      name: 'a message stored while offline',
      beforeConnect: async ({ account, peer }) => {
        peer.sendMessage(bare(account.config.address), body);
        await pause(200); // the server stores it
      },
      run: async ({ events }) => {
        const message = await events.waitFor('message', (m) => m.body === body, `"${body}"`);
        expect(message.delay?.stamp).toBeInstanceOf(Date);
      },
    };
  },
  ping: () => ({
    name: 'ping',
    run: async ({ account }) => expect(await account.ping()).toBeGreaterThanOrEqual(0),
  }),
  rooms: (set) => ({
    name: 'joinRoom, groupchat messages, leaveRoom',
    run: async ({ account, events, peer }) => {
      // The kit's server has its rooms at conference.<the account's domain>.
      const domain = bare(account.config.address).split('@')[1] ?? '';
      const room = `conformance-${Math.random().toString(36).slice(2, 10)}@conference.${domain}`;
      const joined = await account.joinRoom(room, { nick: 'account' });
      expect(joined.occupants.map((o) => o.nick)).toContain('account');
      peer.joinRoom(room, 'peer');
      await peer.waitFor(
        (s) => s.name === 'presence' && s.attrs.from === `${room}/peer` && s.attrs.type !== 'error',
        'its own presence in the room',
      );
      peer.sendMessage(room, 'rooms: from the peer', 'groupchat');
      const got = await events.waitFor(
        'message',
        (m) => m.body === 'rooms: from the peer',
        "the peer's room message",
      );
      expect(got).toMatchObject({ from: room, nick: 'peer', type: 'groupchat' });
      // Sending one needs the message type (a profile may declare rooms it only reads).
      if (set.messageTypes.includes('groupchat')) {
        const body = 'rooms: from the account';
        await account.sendMessage({ to: room, type: 'groupchat', body });
        const echoed = await peer.waitForMessage(body);
        expect(echoed).toEqual({ from: `${room}/account`, type: 'groupchat' });
      }
      await account.leaveRoom(room);
      expect(account.rooms).toEqual([]);
    },
  }),
  history: () => ({
    name: 'history of a conversation',
    run: async ({ account, peer }) => {
      const body = `history: ${Math.random().toString(36).slice(2, 10)}`;
      await account.sendMessage({ to: bare(peer.address), body });
      await peer.waitForMessage(body);
      const page = await account.history(bare(peer.address), { limit: 5 });
      expect(page.messages.map((m) => [m.body, m.outgoing])).toContainEqual([body, true]);
    },
  }),
  // Written with the other-devices and delivery scenarios.
  otherDevices: undefined,
  receipts: undefined,
  readMarkers: undefined,
};

/** The probe of a capability declared true that the kit has no check for: it fails. */
function uncheckedProbe(capability: string): HonourProbe {
  return {
    label: `${capability} (no check in the kit yet)`,
    run: async () => {
      throw new Error(
        `The profile declares ${capability}, and the conformance kit has no check for it yet: add one to CHECKS in testing/src/conformance/honourProbes.ts.`,
      );
    },
  };
}

function typeProbe(type: MessageType): HonourProbe {
  return {
    label: `sendMessage of type ${type} (messageTypes)`,
    run: async ({ account, peer }) => {
      const body = `messageTypes: a ${type} message`;
      await account.sendMessage({ to: peer.address, body, type });
      const got = await peer.waitFor(
        (s) => s.name === 'message' && s.children.some((c) => c.name === 'body' && c.text === body),
        `the ${type} message`,
      );
      expect(got.attrs.type).toBe(type);
    },
  };
}

/**
 * A check for every capability declared true (what the server answers must match the
 * declaration), and a message of each declared type besides `chat` (the messages scenario sends
 * `chat`). A capability the kit cannot check yet gets a failing probe; capabilities added by
 * declaration merging have no known check and are left out.
 */
export function honourProbes(capabilities: CapabilitySet): HonourProbe[] {
  const probes: HonourProbe[] = [];
  for (const [capability, check] of Object.entries(CHECKS)) {
    if (capabilities[capability as Capability] !== true) continue;
    if (check === undefined) {
      probes.push(uncheckedProbe(capability));
      continue;
    }
    const { name, ...probe } = check(capabilities);
    probes.push({ label: `${name} (${capability})`, ...probe });
  }
  // A groupchat message goes to a room: the rooms check sends one where rooms are declared.
  const types = capabilities.messageTypes.filter(
    (t) => t !== 'chat' && t !== 'error' && !(t === 'groupchat' && capabilities.rooms),
  );
  return [...probes, ...types.map(typeProbe)];
}
