import {
  type AccountConfig,
  type CapabilityFeatures,
  type Credential,
  secretsOf as credentialSecrets,
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
  SwitchboardError,
  scrubSecrets,
} from '@switchboard/core';
import { ircEndpoint } from './connection/ircEndpoint';
import { openIrcSession } from './connection/openIrcSession';
import { checkChannel, checkIrcMessage, checkNick } from './im/checkInput';
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
    watch: true,
    'vcard.read': false,
    'vcard.write': false,
    chatStates: true,
    delayedDelivery: true,
    ping: true,
    rooms: true,
    history: true,
    otherDevices: true,
    receipts: false,
    readMarkers: false,
    messageTypes: ['chat', 'headline', 'groupchat'],
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
 * The stanza log with the account's secrets taken out of every line: a server may echo the
 * password or a SASL payload back (in a 904 text, an ERROR, a NOTICE).
 */
function scrubbedLog(request: SessionRequest): SessionRequest['log'] {
  const { log } = request;
  if (log === undefined) return undefined;
  const secrets = credentialSecrets(request.credential);
  return (direction, text) => log(direction, scrubSecrets(text, secrets) as string);
}

/**
 * The base IRC plugin. Profiles subclass it and override {@link profile}. Authentication goes
 * through the container's {@link SaslRegistry}; STS policies learned from servers are kept for
 * the plugin's life.
 */
@injectable()
export class IrcPlugin implements ProfilePlugin {
  readonly profile: ProfileDescriptor = ircDefaults;
  /**
   * What each capability depends on in the session's `features` (the acknowledged CAPs, plus
   * `+typing` when client tags may carry it and `MONITOR` when ISUPPORT announces it).
   */
  readonly capabilityFeatures: CapabilityFeatures = {
    chatStates: '+typing',
    delayedDelivery: 'server-time',
    watch: 'MONITOR',
    history: 'draft/chathistory',
  };
  protected readonly registry: SaslRegistry;
  /**
   * The outbound pace of the profile's network (`<burst>/<intervalMs>`, see `parameters.flood`),
   * when it is not the default `5/2000`; an account's `parameters.flood` wins.
   */
  protected readonly flood: string | undefined = undefined;
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
      flood: parameters.flood ?? this.flood,
      timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      sink: request.sink,
      log: scrubbedLog(request),
      signal: request.signal,
      continuation: asIrcContinuation(request.continuation),
      initialPresence: config.initialPresence ?? {},
      watch: request.watch ?? [],
      scramKeys: request.memory?.scramKeys,
    });
    return session;
  }

  /**
   * Throws SB_ADDRESS_INVALID naming `field` unless `address` is a nick IRC can carry. The
   * account's own address (checked as `field` `address` when the account is created) is
   * `nick@server`; a contact's is the nick alone; a room (`field` `room`) is a channel name.
   */
  checkAddress(address: string, field: string): void {
    if (field === 'room') {
      checkChannel(address, field);
      return;
    }
    if (field !== 'address') {
      checkNick(address, field);
      return;
    }
    const at = address.lastIndexOf('@');
    checkNick(at > 0 ? address.slice(0, at) : address, field);
    if (at <= 0 || at === address.length - 1) {
      throw new SwitchboardError(
        'SB_ADDRESS_INVALID',
        `The IRC account address "${address.slice(0, 80)}" must be nick@server.`,
        { details: { field, address: address.slice(0, 80) } },
      );
    }
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
