/** A scriptable in-memory profile plugin for account tests. */
import type { SwitchboardError } from '../errors/SwitchboardError';
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
    'vcard.read': true,
    'vcard.write': false,
    chatStates: false,
    delayedDelivery: false,
    ping: true,
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

export class FakePlugin implements ProfilePlugin {
  readonly profile: ProfileDescriptor;
  sink: SessionSink | undefined;
  sent: unknown[] = [];
  opens: FakeOpen[] = [];
  features: readonly string[] = ['vcard-temp'];
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
    const outcome = this.next.shift() ?? this.outcome;
    if (outcome !== 'ok') throw outcome;
    const continuation = this.continuation;
    return {
      address: 'me@fake/1',
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
      close: async () => {
        this.closeHook?.();
      },
    };
  }
}
