import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type AccountConfig,
  type CapabilityFeatures,
  type Credential,
  inject,
  injectable,
  livenessDefaults,
  type OutboundMessage,
  optional,
  type ProfileDescriptor,
  type ProfilePlugin,
  type ProtocolSession,
  type SaslCredentials,
  type SaslRegistry,
  SaslRegistryToken,
  type SessionExtension,
  type SessionRequest,
  type SessionSink,
} from '@switchboard/core';
import { openXmppSession } from './connection/openXmppSession';
import type { Endpoint } from './connection/resolveEndpoint';
import { resolveEndpoint } from './connection/resolveEndpoint';
import { connectInOrder } from './discovery/connectInOrder';
import { createDnsResolver } from './discovery/createDnsResolver';
import { type DnsResolver, DnsResolverToken } from './discovery/DnsResolver';
import { asXmppExtension } from './extensions/asXmppExtension';
import type { XmppExtension } from './extensions/XmppExtension';
import { checkJid } from './im/checkJid';
import { checkMessage, MAX_MESSAGE_BYTES } from './im/checkMessage';
import { type DeliveryRequests, deliveryRequests } from './im/deliveryRequests';
import { discoFeatures } from './im/disco';
import { checkRoomJid } from './im/muc/checkRoomJid';
import { downgradeAfterFastRefusal, type XmppLoginOptions } from './sasl/sasl2Feature';
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
    subscriptions: true,
    watch: false,
    'vcard.read': true,
    'vcard.write': true,
    chatStates: true,
    delayedDelivery: true,
    ping: true,
    rooms: true,
    history: true,
    otherDevices: true,
    receipts: true,
    readMarkers: true,
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
  /** A server withdraws vCards and ping by leaving their namespace out of disco#info. */
  readonly capabilityFeatures: CapabilityFeatures = discoFeatures;
  protected readonly registry: SaslRegistry;
  /** DNS for server discovery: the container's {@link DnsResolverToken}, else the system's. */
  protected readonly resolver: DnsResolver;
  /** The SASL2 user-agent id of accounts without login memory: one per plugin instance. */
  readonly #userAgentId = randomUUID();

  constructor(
    @inject(SaslRegistryToken) registry: SaslRegistry,
    @inject(DnsResolverToken) @optional() resolver?: DnsResolver,
  ) {
    this.registry = registry;
    this.resolver = resolver ?? createDnsResolver();
  }

  /**
   * Opens an authenticated, bound session for one account, on the first of its servers that
   * answers (a fixed host, or DNS SRV discovery: see docs/connecting.md).
   */
  async open(request: SessionRequest): Promise<ProtocolSession> {
    const { config, credential, sink } = request;
    const plan = resolveEndpoint(config, this.profile.server);
    const extensions = [...this.extensions(request), ...(request.extensions ?? [])].map(
      asXmppExtension,
    );
    const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const options = { plan, resolver: this.resolver, timeoutMs, sink, signal: request.signal };
    const attempt = (endpoint: Endpoint, attemptSink: SessionSink) =>
      openXmppSession({
        endpoint,
        registry: this.registry,
        credentials: this.saslCredentials(request, endpoint.domain),
        credentialKinds: [credential.kind],
        profileMechanisms: this.profile.mechanisms,
        accountMechanisms: config.mechanisms,
        resource: config.resource,
        initialPresence: config.initialPresence ?? {},
        timeoutMs,
        login: this.loginOptions(request),
        sink: attemptSink,
        log: request.log,
        continuation: asXmppContinuation(request.continuation),
        signal: request.signal,
        extensions,
        maxStanzaBytes: config.maxMessageBytes ?? MAX_MESSAGE_BYTES,
        tracking: {
          carbons: this.profile.capabilities.otherDevices,
          requests: this.deliveryRequests(),
          answerReceipts: config.answerReceipts ?? true,
        },
      });
    // See downgradeAfterFastRefusal: one more login, on a fresh connection, without the token.
    return connectInOrder(options, (endpoint, attemptSink) =>
      attempt(endpoint, attemptSink).catch((error: unknown) => {
        if (!downgradeAfterFastRefusal(error)) throw error;
        // The account is authenticating already: the second connection does not say it again.
        const again = new Proxy(attemptSink, {
          get: (target, key, receiver) =>
            key === 'authenticating' ? () => undefined : Reflect.get(target, key, receiver),
        });
        return attempt(endpoint, again);
      }),
    );
  }

  /**
   * Throws SB_ADDRESS_INVALID naming `field` unless `address` is a JID after RFC 7622; a room
   * (`field` `'room'`) must be a bare JID.
   */
  checkAddress(address: string, field: string): void {
    checkJid(address, field);
    if (field === 'room') checkRoomJid(address);
  }

  /**
   * Throws SB_CONTENT_INVALID for text XML cannot carry and SB_MESSAGE_TOO_LARGE for a stanza
   * above `config.maxMessageBytes` (default 262,144 bytes).
   */
  checkMessage(message: OutboundMessage & { readonly id: string }, config: AccountConfig): void {
    checkMessage(
      message,
      config.maxMessageBytes,
      deliveryRequests(message, this.deliveryRequests()),
    );
  }

  /**
   * SASL2 and FAST for one login: on unless the account's `parameters.sasl2` / `parameters.fast`
   * is `'off'`; the user agent's id from the account's login memory (stable per account), else
   * one per plugin instance; `parameters.device` names the device (default: the host name).
   */
  protected loginOptions(request: SessionRequest): XmppLoginOptions {
    const parameters = request.config.parameters ?? {};
    const memory = request.memory;
    const device = parameters.device ?? hostname();
    return {
      sasl2: parameters.sasl2 !== 'off',
      fast: parameters.fast !== 'off',
      memory,
      userAgent: async () => ({
        id: memory === undefined ? this.#userAgentId : await memory.userAgentId(),
        software: 'Switchboard',
        device,
      }),
    };
  }

  /** The receipt and marker requests outbound messages carry (`receipts`, `readMarkers`). */
  protected deliveryRequests(): DeliveryRequests {
    const { receipts, readMarkers } = this.profile.capabilities;
    return { receipts, markers: readMarkers };
  }

  /** Throws SB_EXTENSION_INVALID unless `extension` is an `XmppExtension` (see `Account.use`). */
  checkExtension(extension: SessionExtension): void {
    asXmppExtension(extension);
  }

  /**
   * The extensions every session of this profile gets (before the account's own, from
   * `Account.use`); profiles override it to add XEPs. None by default.
   */
  protected extensions(_request: SessionRequest): readonly XmppExtension[] {
    return [];
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
