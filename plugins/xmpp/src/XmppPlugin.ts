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
import { openXmppSession } from './connection/openXmppSession';
import { resolveEndpoint } from './connection/resolveEndpoint';
import { checkJid } from './im/checkJid';
import { checkMessage } from './im/checkMessage';
import { asXmppContinuation } from './sm/XmppContinuation';

const DEFAULT_TIMEOUT_MS = 10_000;

/** The descriptor of the plain base plugin; profiles override it. */
export const xmppDefaults: ProfileDescriptor = {
  id: 'xmpp',
  name: 'XMPP',
  protocol: 'xmpp',
  server: { port: 5222, tls: 'starttls' },
  mechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'],
  credentialKinds: ['password'],
  liveness: livenessDefaults,
  capabilities: {
    'roster.read': true,
    'roster.write': true,
    'vcard.read': true,
    'vcard.write': true,
    chatStates: true,
    delayedDelivery: true,
    ping: true,
    messageTypes: ['chat', 'normal', 'groupchat', 'headline'],
  },
};

function secretsOf(credential: Credential): SaslCredentials {
  switch (credential.kind) {
    case 'password':
      return { password: credential.password };
    case 'oauth2':
      return { accessToken: credential.accessToken };
    case 'token':
      return { token: credential.token };
    default:
      return {};
  }
}

/**
 * The base XMPP plugin. Profiles subclass it and override {@link profile} (and, when they
 * must, {@link saslCredentials}). Authentication always goes through the container's
 * {@link SaslRegistry}.
 */
@injectable()
export class XmppPlugin implements ProfilePlugin {
  readonly profile: ProfileDescriptor = xmppDefaults;
  protected readonly registry: SaslRegistry;

  constructor(@inject(SaslRegistryToken) registry: SaslRegistry) {
    this.registry = registry;
  }

  /** Opens an authenticated, bound session for one account. */
  async open(request: SessionRequest): Promise<ProtocolSession> {
    const { config, credential, sink } = request;
    const endpoint = resolveEndpoint(config, this.profile.server);
    return openXmppSession({
      endpoint,
      registry: this.registry,
      credentials: this.saslCredentials(request, endpoint.domain),
      credentialKinds: [credential.kind],
      profileMechanisms: this.profile.mechanisms,
      accountMechanisms: config.mechanisms,
      resource: config.resource,
      initialPresence: config.initialPresence ?? {},
      timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      sink,
      log: request.log,
      continuation: asXmppContinuation(request.continuation),
    });
  }

  /** Throws SB_ADDRESS_INVALID naming `field` unless `address` is a JID after RFC 7622. */
  checkAddress(address: string, field: string): void {
    checkJid(address, field);
  }

  /**
   * Throws SB_CONTENT_INVALID for text XML cannot carry and SB_MESSAGE_TOO_LARGE for a stanza
   * above `config.maxMessageBytes` (default 262,144 bytes).
   */
  checkMessage(message: OutboundMessage & { readonly id: string }, config: AccountConfig): void {
    checkMessage(message, config.maxMessageBytes);
  }

  /** The values handed to SASL mechanisms; profiles may add provider-specific fields. */
  protected saslCredentials(request: SessionRequest, domain: string): SaslCredentials {
    const { address } = request.config;
    const at = address.lastIndexOf('@');
    return {
      username: at >= 0 ? address.slice(0, at) : address,
      address: address.split('/')[0] ?? address,
      host: domain,
      realm: domain,
      serviceType: 'xmpp',
      serviceName: domain,
      ...secretsOf(request.credential),
    };
  }
}
