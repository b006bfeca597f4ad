/** A scriptable in-memory profile plugin for account tests. */
import type { CapabilityFeatures } from '../capabilities/CapabilitySet';
import type { SwitchboardError } from '../errors/SwitchboardError';
import type { HistoryPage } from '../im/history';
import type { ProfileDescriptor } from '../plugins/ProfileDescriptor';
import type {
  ProfilePlugin,
  ProtocolSession,
  SendHandover,
  SessionContinuation,
  SessionLiveness,
  SessionRequest,
  SessionSink,
} from '../plugins/ProtocolPlugin';

export const fakeProfile: ProfileDescriptor = {
  id: 'fake',
  name: 'Fake',
  protocol: 'fake',
  server: { port: 1, tls: 'direct' },
  mechanisms: [],
  credentialKinds: ['password'],
  capabilities: {
    'roster.read': true,
    'roster.write': false,
    subscriptions: true,
    watch: true,
    'vcard.read': true,
    'vcard.write': false,
    chatStates: false,
    delayedDelivery: false,
    ping: true,
    rooms: false,
    history: false,
    otherDevices: false,
    receipts: false,
    readMarkers: false,
    messageTypes: ['chat'],
  },
};

export const fakeConfig = {
  profile: 'fake',
  address: 'me@fake',
  credential: { kind: 'password', password: 's3cret' },
} as const;

/** Liveness hooks whose clock and answers the test controls. */
export class FakeLiveness implements SessionLiveness {
  receivedAt = Date.now();
  sentAt = Date.now();
  keepalives = 0;
  probes = 0;
  /** `true`: probes are answered at once; `false`: never (they time out). */
  answering = true;
  aborted: SwitchboardError | undefined;
  constructor(private readonly sink: SessionSink) {}
  lastReceivedAt(): number {
    return this.receivedAt;
  }
  lastSentAt(): number {
    return this.sentAt;
  }
  keepalive(): void {
    this.keepalives++;
    this.sentAt = Date.now();
  }
  probe(timeoutMs: number): Promise<void> {
    this.probes++;
    this.sentAt = Date.now();
    if (this.answering) {
      this.receivedAt = Date.now();
      return Promise.resolve();
    }
    return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs));
  }
  abort(error: SwitchboardError): void {
    this.aborted = error;
    this.sink.closed(error);
  }
}

/** One open of the fake plugin. */
export interface FakeOpen {
  readonly request: SessionRequest;
  readonly liveness: FakeLiveness;
}

/** The session members a test can leave out (`FakePlugin.omit`). */
export type OmittableMember = Exclude<keyof ProtocolSession, 'address' | 'sendMessage' | 'close'>;

export class FakePlugin implements ProfilePlugin {
  readonly profile: ProfileDescriptor;
  /** The feature map the account narrows by (XMPP's disco namespaces by default). */
  capabilityFeatures?: CapabilityFeatures = {
    'vcard.read': 'vcard-temp',
    'vcard.write': 'vcard-temp',
    ping: 'urn:xmpp:ping',
  };
  sink: SessionSink | undefined;
  sent: unknown[] = [];
  opens: FakeOpen[] = [];
  /** What `serverFeatures()` answers. */
  features: readonly string[] = ['vcard-temp'];
  /** What sessions announce at login (`ProtocolSession.features`); absent when undefined. */
  loginFeatures: readonly string[] | undefined;
  /** Members the next sessions lack, as a plugin whose protocol cannot do them. */
  omit: readonly OmittableMember[] = [];
  failWith: SwitchboardError | undefined;
  /** Outcomes of the next opens, in order; when empty, `outcome` applies. */
  next: Array<'ok' | SwitchboardError | Error> = [];
  /** What sessions hand over when lost. */
  continuation: SessionContinuation | undefined = { protocol: 'fake' };
  resumed = false;
  /** What `sendMessage` answers once it recorded the message. */
  handover: SendHandover = 'written';
  /** Runs when a session is closed on request, before `close()` resolves. */
  closeHook: (() => void) | undefined;
  /** While set, opens wait for it after `authenticating` (a login under way). */
  hold: Promise<void> | undefined;
  /** While set, `joinRoom` waits for it (a join under way). */
  joinHold: Promise<void> | undefined;
  /** What the next `joinRoom` calls fail with, in order; when empty they succeed. */
  joinFailures: Error[] = [];
  /** The topic a joined room reports. */
  roomTopic: string | undefined;
  /** What `history` answers. */
  historyPage: HistoryPage | undefined;

  constructor(
    private readonly outcome: 'ok' | SwitchboardError | Error,
    profile: ProfileDescriptor = fakeProfile,
  ) {
    this.profile = profile;
  }

  #record = async (entry: unknown): Promise<undefined> => {
    if (this.failWith !== undefined) throw this.failWith;
    this.sent.push(entry);
    return undefined;
  };

  /** The liveness hooks of the latest session. */
  get liveness(): FakeLiveness | undefined {
    return this.opens.at(-1)?.liveness;
  }

  async open(request: SessionRequest): Promise<ProtocolSession> {
    const liveness = new FakeLiveness(request.sink);
    this.opens.push({ request, liveness });
    this.sink = request.sink;
    request.sink.authenticating();
    await Promise.resolve();
    if (this.hold !== undefined) await this.hold;
    const outcome = this.next.shift() ?? this.outcome;
    if (outcome !== 'ok') throw outcome;
    const continuation = this.continuation;
    const session: ProtocolSession = {
      address: 'me@fake/1',
      ...(this.loginFeatures === undefined ? {} : { features: this.loginFeatures }),
      resumed: this.resumed,
      liveness,
      continuation: () => continuation,
      sendMessage: async (m) => {
        await this.#record(m);
        return this.handover;
      },
      sendPresence: (p) => this.#record(p),
      getRoster: async () => [],
      subscribe: async () => undefined,
      approveSubscription: async () => undefined,
      denySubscription: (a) => this.#record({ denySubscription: a }),
      cancelSubscription: (a) => this.#record({ cancelSubscription: a }),
      unsubscribe: (a) => this.#record({ unsubscribe: a }),
      setContact: (c) => this.#record({ setContact: c }),
      removeContact: (a) => this.#record({ removeContact: a }),
      getVCard: async () => ({ fullName: 'Me' }),
      setVCard: (v) => this.#record({ setVCard: v }),
      sendChatState: (to, state) => this.#record({ to, state }),
      ping: async () => 1,
      serverFeatures: async () => this.features,
      watch: (addresses) => this.#record({ watch: addresses }),
      unwatch: (addresses) => this.#record({ unwatch: addresses }),
      joinRoom: async (request) => {
        this.sent.push({ joinRoom: request });
        if (this.joinHold !== undefined) await this.joinHold;
        const failure = this.joinFailures.shift();
        if (failure !== undefined) throw failure;
        const self = {
          room: request.room,
          nick: request.nick,
          rank: 'member',
          self: true,
        } as const;
        return {
          room: request.room,
          nick: request.nick,
          occupants: [self],
          ...(this.roomTopic === undefined ? {} : { topic: this.roomTopic }),
        };
      },
      leaveRoom: (room, reason) => this.#record({ leaveRoom: room, reason }),
      setTopic: (room, topic) => this.#record({ setTopic: room, topic }),
      invite: (room, address, reason) => this.#record({ invite: room, address, reason }),
      history: async (request) => {
        await this.#record({ history: request });
        return (
          this.historyPage ?? { conversation: request.conversation, messages: [], complete: true }
        );
      },
      markRead: (to, id) => this.#record({ markRead: to, id }),
      close: async () => {
        this.closeHook?.();
      },
    };
    for (const member of this.omit) delete session[member];
    return session;
  }
}
