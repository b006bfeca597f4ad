import {
  type AccountConfig,
  type Credential,
  inject,
  injectable,
  livenessDefaults,
  type OutboundMessage,
  type ProfileDescriptor,
  type ProfilePlugin,
  type ProtocolSession,
  type SaslCredentials,
  type SaslRegistry,
  SaslRegistryToken,
  type SessionRequest,
} from '@switchboard/core';
import { ircEndpoint } from './connection/ircEndpoint';
import { openIrcSession } from './connection/openIrcSession';
import { checkIrcMessage, checkNick } from './im/checkInput';
import { StsPolicies } from './registration/StsPolicies';
import { asIrcContinuation } from './session/IrcContinuation';

const DEFAULT_TIMEOUT_MS = 10_000;

/** The descriptor of the plain base plugin; profiles override it. */
export const ircDefaults: ProfileDescriptor = {
  id: 'irc',
  name: 'IRC',
  protocol: 'irc',
  server: { port: 6697, tls: 'direct' },
  mechanisms: ['SCRAM-SHA-256', 'EXTERNAL', 'ECDSA-NIST256P-CHALLENGE', 'PLAIN'],
  credentialKinds: ['password', 'certificate', 'ecdsa-p256'],
  liveness: livenessDefaults,
  capabilities: {
    'roster.read': false,
    'roster.write': false,
    subscriptions: false,
    'vcard.read': false,
    'vcard.write': false,
    chatStates: true,
    delayedDelivery: true,
    ping: true,
    messageTypes: ['chat', 'headline'],
  },
};

function secretsOf(credential: Credential): SaslCredentials {
  switch (credential.kind) {
    case 'password':
      return { password: credential.password };
    case 'oauth2':
      return { accessToken: credential.accessToken };
    case 'ecdsa-p256':
      return { ecdsaKey: credential.key };
    default:
      return {};
  }
}

/**
 * The base IRC plugin. Profiles subclass it and override {@link profile}. Authentication goes
 * through the container's {@link SaslRegistry}; STS policies learned from servers are kept for
 * the plugin's life.
 */
@injectable()
export class IrcPlugin implements ProfilePlugin {
  readonly profile: ProfileDescriptor = ircDefaults;
  protected readonly registry: SaslRegistry;
  /** STS policies (https://ircv3.net/specs/extensions/sts) learned from servers, by host. */
  protected readonly sts = new StsPolicies();

  constructor(@inject(SaslRegistryToken) registry: SaslRegistry) {
    this.registry = registry;
  }

  /** Opens a registered, authenticated session (see docs/irc.md). */
  async open(request: SessionRequest): Promise<ProtocolSession> {
    const { config, credential } = request;
    const endpoint = ircEndpoint(config, this.profile.server);
    const parameters = config.parameters ?? {};
    const session = await openIrcSession({
      endpoint,
      sts: this.sts,
      registry: this.registry,
      credentials: this.saslCredentials(request, endpoint.nick),
      clientCertificate:
        credential.kind === 'certificate'
          ? { cert: credential.cert, key: credential.key }
          : undefined,
      policy: {
        credentialKinds: [credential.kind],
        profileMechanisms: this.profile.mechanisms,
        ...(config.mechanisms === undefined ? {} : { accountMechanisms: config.mechanisms }),
      },
      username: parameters.username ?? endpoint.nick,
      realname: parameters.realname ?? endpoint.nick,
      flood: parameters.flood,
      timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      sink: request.sink,
      log: request.log,
      signal: request.signal,
      continuation: asIrcContinuation(request.continuation),
      initialPresence: config.initialPresence ?? {},
    });
    return session as unknown as ProtocolSession; // MERGE: drop the cast once optional methods land
  }

  /**
   * Throws SB_ADDRESS_INVALID naming `field` unless `address` is a nick IRC can carry, or
   * `nick@server` (the account's own address; a nick never holds `@`). The core names both the
   * account's address and a contact's `address`, so both forms are accepted there; an account
   * address without its server fails at connect with SB_CONFIG_INVALID.
   */
  checkAddress(address: string, field: string): void {
    const at = address.lastIndexOf('@');
    if (at < 0) {
      checkNick(address, field);
      return;
    }
    checkNick(address.slice(0, at), field);
    if (at === 0 || at === address.length - 1) checkNick('@', field);
  }

  /** Throws SB_CONTENT_INVALID for text an IRC line cannot carry (NUL) or an empty body. */
  checkMessage(message: OutboundMessage & { readonly id: string }, _config: AccountConfig): void {
    checkIrcMessage(message);
  }

  /** The values handed to SASL mechanisms: the account name is `parameters.account`, else the nick. */
  protected saslCredentials(request: SessionRequest, nick: string): SaslCredentials {
    return {
      username: request.config.parameters?.account ?? nick,
      serviceType: 'irc',
      ...secretsOf(request.credential),
    };
  }
}
