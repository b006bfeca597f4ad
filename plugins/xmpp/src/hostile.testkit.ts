/**
 * Shared setup of the hostile-server suites (`hostile.*.int.spec.ts`): XmppPlugin as the
 * profile, one account that fails fast, throwaway certificates for the suite, and what the
 * SCRAM scripts read from the client's `<auth/>`.
 */
import { ProfilePluginToken, Switchboard } from '@switchboard/core';
import {
  bindFeature,
  bindResource,
  createHostileHarness,
  expectSaslAuth,
  type HostileCertificates,
  type HostileHarness,
  type HostileStep,
  makeHostileCertificates,
  mechanismsFeature,
  openStream,
  type StepContext,
  saslElement,
  saslPayload,
  sendData,
} from '@switchboard/testing';
import { ContainerModule } from 'inversify';
import { XmppPlugin } from './XmppPlugin';
import { xmppModule } from './xmppModule';

/** The domain every hostile server speaks for, and the certificates are made for. */
export const DOMAIN = 'example.test';

/** A SCRAM salt (base64) for server-first messages. */
export const SALT = Buffer.from('hostile-salt').toString('base64');

/** Binds the plain XmppPlugin as the `xmpp` profile. */
const profileModule = new ContainerModule(({ bind }) => {
  bind(ProfilePluginToken).to(XmppPlugin).inSingletonScope();
});

/** The account of a hostile suite: `alice@example.test` with a password. */
export interface HostileSuiteAccount {
  /** Account id (the harness appends a counter). */
  readonly id: string;
  readonly password: string;
  /** SASL mechanisms the account allows; all of the profile's when absent. */
  readonly mechanisms?: readonly string[];
}

/** What {@link hostileSuite} sets up. */
export interface HostileSuite {
  readonly harness: HostileHarness;
  /** Certificates for {@link DOMAIN}; made in `beforeAll`, so read them inside tests only. */
  readonly certificates: HostileCertificates;
}

/**
 * Call inside a `describe`: a harness for an `xmpp` account (5 s timeout, no reconnect, no
 * liveness), reset after each test, and certificates made before the block and removed after.
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
      timeoutMs: 5000,
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

  return {
    harness,
    get certificates(): HostileCertificates {
      if (certificates === undefined) {
        throw new Error('The hostile certificates are made in beforeAll; read them inside a test.');
      }
      return certificates;
    },
  };
}

/** The client nonce (`r=`) of the client-first message in the matched `<auth/>`. */
export function clientNonce(context: StepContext): string {
  return /(?:^|,)r=([^,]*)/.exec(saslPayload(context))?.[1] ?? '';
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
