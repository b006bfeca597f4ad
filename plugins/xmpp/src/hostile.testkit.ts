/**
 * Shared setup of the hostile-server suites (`hostile.*.int.spec.ts`): XmppPlugin as the
 * profile, one account that fails fast, throwaway certificates for the suite, and what the
 * SCRAM scripts read from the client's `<auth/>`.
 */
import {
  type Account,
  type AccountConfig,
  ContainerModule,
  type InboundMessage,
  injectable,
  injectFromBase,
  type ProfileDescriptor,
  ProfilePluginToken,
  type StateChange,
  Switchboard,
  type SwitchboardError,
} from '@switchboard/core';
import {
  bindFeature,
  bindResource,
  createHostileHarness,
  expectSaslAuth,
  type HostileAttempt,
  type HostileCertificate,
  type HostileCertificates,
  type HostileHarness,
  type HostileServer,
  type HostileStep,
  makeHostileCertificates,
  mechanismsFeature,
  negotiateTls,
  openStream,
  type StepContext,
  saslElement,
  saslPayload,
  sendData,
  smFeature,
  waitFor,
} from '@switchboard/testing';
import { XmppPlugin, xmppDefaults } from './XmppPlugin';
import { xmppModule } from './xmppModule';

/** The domain every hostile server speaks for, and the certificates are made for. */
export const DOMAIN = 'example.test';

/** A SCRAM salt (base64) for server-first messages. */
export const SALT = Buffer.from('hostile-salt').toString('base64');

/**
 * XmppPlugin without `otherDevices`: the scripts play the login step by step (bind, presence,
 * acknowledgements counted from there), and a login that discovers carbons would add a
 * disco#info request they do not answer. Carbons are tested on Prosody (im/carbons.int.spec.ts).
 */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
class ScriptedXmppPlugin extends XmppPlugin {
  override readonly profile: ProfileDescriptor = {
    ...xmppDefaults,
    capabilities: { ...xmppDefaults.capabilities, otherDevices: false },
  };
}

/** Binds {@link ScriptedXmppPlugin} as the `xmpp` profile. */
const profileModule = new ContainerModule(({ bind }) => {
  bind(ProfilePluginToken).to(ScriptedXmppPlugin).inSingletonScope();
});

/** The account of a hostile suite: `alice@example.test` with a password. */
export interface HostileSuiteAccount {
  /** Account id (the harness appends a counter). */
  readonly id: string;
  readonly password: string;
  /** SASL mechanisms the account allows; all of the profile's when absent. */
  readonly mechanisms?: readonly string[];
  /**
   * The account's timeout per step; default 5 s. Suites that prove a failure comes at once
   * set it long (20 s), so that a wait for the timeout cannot pass for a quick failure.
   */
  readonly timeoutMs?: number;
}

/** A login that failed: its coded error, how long `connect()` took to reject, the server. */
export interface FailedLogin {
  readonly error: SwitchboardError | undefined;
  readonly elapsedMs: number;
  readonly server: HostileServer;
  readonly account: Account;
}

/** An account online on a hostile server, whose script goes on once the test is ready. */
export interface OnlineAttempt extends HostileAttempt {
  /** The account's state changes, from `connecting` on. */
  readonly states: StateChange[];
  readonly messages: InboundMessage[];
  /** The next change to `disconnected`. */
  readonly disconnected: Promise<StateChange>;
}

/** What {@link hostileSuite} sets up. */
export interface HostileSuite {
  readonly harness: HostileHarness;
  /** Certificates for {@link DOMAIN}; made in `beforeAll`, so read them inside tests only. */
  readonly certificates: HostileCertificates;
  /**
   * Runs `script` for a login that must fail (the account trusts the suite's CA) and checks
   * that the account is `failed`, the process saw no uncaught error and the password never
   * went over the wire.
   */
  failedLogin(
    script: readonly HostileStep[],
    overrides?: Partial<AccountConfig>,
  ): Promise<FailedLogin>;
  /**
   * STARTTLS, PLAIN and bind: the account goes online; then the script goes on with `steps`
   * (after the account's listeners are in place).
   */
  onlineThen(steps: readonly HostileStep[]): Promise<OnlineAttempt>;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function nextState(account: Account, to: StateChange['to']): Promise<StateChange> {
  return new Promise((resolve) => {
    const listener = (change: StateChange): void => {
      if (change.to !== to) return;
      account.off('state', listener);
      resolve(change);
    };
    account.on('state', listener);
  });
}

/**
 * Call inside a `describe`: a harness for an `xmpp` account (5 s timeout unless given, no
 * reconnect, no liveness), reset after each test, and certificates made before the block and
 * removed after.
 */
export function hostileSuite(account: HostileSuiteAccount): HostileSuite {
  let certificates: HostileCertificates | undefined;
  const harness = createHostileHarness({
    switchboard: Switchboard.create({ modules: [xmppModule, profileModule] }),
    account: {
      id: account.id,
      profile: 'xmpp',
      address: `alice@${DOMAIN}`,
      credential: { kind: 'password', password: account.password },
      ...(account.mechanisms === undefined ? {} : { mechanisms: account.mechanisms }),
      timeoutMs: account.timeoutMs ?? 5000,
      reconnect: false,
      liveness: false,
    },
  });

  beforeAll(async () => {
    certificates = await makeHostileCertificates(DOMAIN);
  });
  afterAll(async () => {
    await certificates?.remove();
  });
  afterEach(async () => {
    await harness.reset();
  });

  const suite: HostileSuite = {
    harness,
    get certificates(): HostileCertificates {
      if (certificates === undefined) {
        throw new Error('The hostile certificates are made in beforeAll; read them inside a test.');
      }
      return certificates;
    },
    async failedLogin(script, overrides = {}) {
      const { account: failing, server } = await harness.serve(script, {
        tls: { ca: suite.certificates.ca },
        ...overrides,
      });
      const started = performance.now();
      const error = await harness.connectToFail(failing);
      const elapsedMs = performance.now() - started;
      expect(failing.state).toBe('failed');
      expect(harness.faults()).toEqual([]);
      expect(server.received()).not.toContain(account.password);
      return { error, elapsedMs, server, account: failing };
    },
    async onlineThen(steps) {
      const online = deferred();
      const attempt = await harness.serve(
        [
          ...negotiateTls(suite.certificates.valid, DOMAIN),
          ...acceptPlainLogin(),
          waitFor(() => online.promise),
          ...steps,
        ],
        { tls: { ca: suite.certificates.ca } },
      );
      const states: StateChange[] = [];
      const messages: InboundMessage[] = [];
      attempt.account.on('state', (change) => states.push(change));
      attempt.account.on('message', (message) => messages.push(message));
      await attempt.account.connect();
      const disconnected = nextState(attempt.account, 'disconnected');
      online.resolve();
      return { ...attempt, states, messages, disconnected };
    },
  };
  return suite;
}

/** The client nonce (`r=`) of the client-first message in the matched `<auth/>`. */
export function clientNonce(context: StepContext): string {
  return /(?:^|,)r=([^,]*)/.exec(saslPayload(context))?.[1] ?? '';
}

/**
 * STARTTLS with `certificate`, PLAIN offered and accepted, then the restarted stream's
 * `features` (by default binding and stream management, XEP-0198): the client binds or resumes
 * next.
 */
export function tlsPlainLogin(
  certificate: HostileCertificate,
  features: readonly string[] = [bindFeature, smFeature],
): HostileStep[] {
  return [
    ...negotiateTls(certificate, DOMAIN),
    ...openStream(DOMAIN, mechanismsFeature(['PLAIN'])),
    expectSaslAuth(),
    sendData(saslElement('success')),
    ...openStream(DOMAIN, ...features),
  ];
}

/**
 * A well-behaved login after TLS: PLAIN offered and accepted, the stream restarted, and the
 * resource bound as `alice@example.test/hostile`; the client is online after these steps.
 */
export function acceptPlainLogin(): HostileStep[] {
  return [
    ...openStream(DOMAIN, mechanismsFeature(['PLAIN'])),
    expectSaslAuth(),
    sendData(saslElement('success')),
    ...openStream(DOMAIN, bindFeature),
    ...bindResource(`alice@${DOMAIN}/hostile`),
  ];
}
