/**
 * @switchboard/core: the protocol-agnostic kernel of Switchboard.
 * @packageDocumentation
 */
import 'reflect-metadata';

// The dependency-injection API plugins, profiles and hosts use, re-exported from inversify 8.
// Core's build carries inversify inside it (one file instead of inversify's ~340 modules), so
// everything that declares bindings imports these from `@switchboard/core`: one copy of the
// container code loads, and the decorators and the container always match.
export type {
  BindingScope,
  ContainerModuleLoadOptions,
  ContainerOptions,
  Factory,
  Newable,
  ResolutionContext,
  ServiceIdentifier,
} from 'inversify';
export {
  Container,
  ContainerModule,
  inject,
  injectable,
  injectFromBase,
  LazyServiceIdentifier,
  multiInject,
  named,
  optional,
  postConstruct,
  preDestroy,
  tagged,
  unmanaged,
} from 'inversify';
export { Account } from './accounts/Account';
export type { AccountConfig, ServerOverrides, TlsTrust } from './accounts/AccountConfig';
export type {
  AccountEvents,
  ReconnectedInfo,
  ReconnectingInfo,
  StateChange,
} from './accounts/AccountEvents';
export type { AccountState } from './accounts/AccountState';
export { assertTransition, canTransition } from './accounts/AccountState';
export type { ConnectOptions, DisconnectOptions } from './accounts/abortable';
export { validateAccountConfig } from './accounts/accountConfigSchema';
export type { OptionalSessionMethod } from './accounts/OperationGate';
export type { CredentialContext } from './accounts/openWithCredentials';
export type { LivenessOptions } from './accounts/reliability/LivenessOptions';
export { livenessDefaults } from './accounts/reliability/LivenessOptions';
export type { ReconnectOptions } from './accounts/reliability/ReconnectPolicy';
export {
  backoffDelay,
  isTransient,
  reconnectDefaults,
} from './accounts/reliability/ReconnectPolicy';
export type {
  Capability,
  CapabilityFeatures,
  CapabilitySet,
} from './capabilities/CapabilitySet';
export { capabilityNames, mergeCapabilities } from './capabilities/CapabilitySet';
export { asRefusal, requireCapability, requireMessageType } from './capabilities/requireCapability';
export type { AccountLoginMemoryOptions } from './credentials/AccountLoginMemory';
export {
  AccountLoginMemory,
  LOGIN_MEMORY_TOKEN_TYPE,
  loginMemoryKey,
} from './credentials/AccountLoginMemory';
export type {
  CertificateCredential,
  ConfiguredCredential,
  Credential,
  CredentialKind,
  EcdsaCredential,
  OAuth2Credential,
  PasswordCredential,
  PasswordProvider,
  PasswordProviderCredential,
  PasswordRequest,
  TokenCredential,
} from './credentials/Credential';
export { isPasswordProvider } from './credentials/Credential';
export type {
  CredentialEvents,
  CredentialServiceOptions,
  ReauthReason,
  TokenChange,
} from './credentials/CredentialService';
export { CredentialService } from './credentials/CredentialService';
export type { FastToken, LoginMemory } from './credentials/LoginMemory';
export type { MemoryScramKeyCacheOptions } from './credentials/MemoryScramKeyCache';
export { MemoryScramKeyCache } from './credentials/MemoryScramKeyCache';
export { MemoryTokenStore } from './credentials/MemoryTokenStore';
export { isProtectedCredential, protectCredential } from './credentials/protectCredential';
export { scrubSecrets } from './credentials/scrubSecrets';
export { secretsOf } from './credentials/secretsOf';
export type { TokenStore } from './credentials/TokenStore';
export type { StanzaLogEntry, StanzaLogger } from './debug/StanzaLog';
export { coreModule } from './di/coreModule';
export type { MechanismRegistration } from './di/tokens';
export { MechanismRegistrationToken, ProfilePluginToken, SaslRegistryToken } from './di/tokens';
export type { ErrorCode } from './errors/codes';
export { ErrorCodes } from './errors/codes';
export type { ErrorDetails, SwitchboardErrorOptions } from './errors/SwitchboardError';
export { SwitchboardError } from './errors/SwitchboardError';
export type { ConnectAllResult, ShutdownResult } from './host/AccountManager';
export { AccountManager } from './host/AccountManager';
export type { AccountManagerEvents, ForwardedEvents } from './host/AccountManagerEvents';
export type {
  DeliveryState,
  DeliveryUpdate,
  OwnMessage,
  SessionReceipt,
} from './im/delivery';
export type { HistoryMessage, HistoryPage, HistoryQuery, HistoryRequest } from './im/history';
export { nextMessageId } from './im/messageId';
export type {
  Invitation,
  JoinRoomOptions,
  LeaveReason,
  Occupant,
  OccupantChange,
  OccupantRank,
  RoomHistoryLimit,
  RoomJoinRequest,
  RoomLeft,
  RoomState,
  TopicChange,
} from './im/rooms';
export type {
  Availability,
  BouncedMessage,
  ChatState,
  ChatStateUpdate,
  ContactInput,
  Delay,
  InboundMessage,
  MessageType,
  OutboundMessage,
  OutboundPresence,
  PresenceUpdate,
  RosterItem,
  SendResult,
  Subscription,
  SubscriptionUpdate,
  VCard,
} from './im/types';
export { OAuth2Client } from './oauth/OAuth2Client';
export type { OAuth2ClientConfig } from './oauth/OAuth2ClientConfig';
export type {
  AuthorizationCodeRequest,
  AuthorizationCodeStart,
  ClientSecretMethod,
  CodeExchange,
  ImplicitAuthorizationRequest,
  OAuth2ClientOptions,
  OAuth2Fetch,
} from './oauth/OAuth2ClientOptions';
export type { TokenRefresher } from './oauth/TokenRefresher';
export type { TokenSet } from './oauth/TokenSet';
export { expiresWithin } from './oauth/TokenSet';
export type { ModuleImporter } from './plugins/importModule';
export { importModule } from './plugins/importModule';
export type { LoginFraming, LoginFramingReason } from './plugins/LoginFraming';
export type { LoadableModule } from './plugins/loadModules';
export { loadModules } from './plugins/loadModules';
export type {
  OAuth2Descriptor,
  ProfileDescriptor,
  ServerDefaults,
  TlsMode,
} from './plugins/ProfileDescriptor';
export type {
  ProfilePlugin,
  ProtocolSession,
  SendHandover,
  SendReport,
  SessionBounce,
  SessionContinuation,
  SessionLiveness,
  SessionRequest,
  SessionSink,
} from './plugins/ProtocolPlugin';
export type { SessionExtension } from './plugins/SessionExtension';
export type {
  ModuleManifest,
  ProfileModuleManifest,
  SwitchboardModule,
} from './plugins/SwitchboardModule';
export { definePlugin, defineProfile, isSwitchboardModule } from './plugins/SwitchboardModule';
export type { OAuth2Settings, SwitchboardOptions } from './Switchboard';
export { Switchboard } from './Switchboard';
export type { AdaptOptions, SaslmechanismsClass } from './sasl/adaptSaslMechanism';
export { adaptSaslMechanism } from './sasl/adaptSaslMechanism';
export { bytesToUtf8, fromBase64, toBase64, toBytes } from './sasl/bytes';
export { noMechanismError } from './sasl/noMechanism';
export type {
  ChannelBindingType,
  SaslLoginContext,
  ScramCachedKeys,
  ScramCacheKey,
  ScramKeyCache,
} from './sasl/SaslLoginContext';
export type {
  SaslCredentials,
  SaslData,
  SaslMechanism,
  SaslMechanismDefinition,
  SaslRedaction,
} from './sasl/SaslMechanism';
export type { RegisterOptions, RegistryEntry } from './sasl/SaslRegistry';
export { SaslRegistry } from './sasl/SaslRegistry';
export { saslOutOfOrder } from './sasl/saslOutOfOrder';
export type {
  SelectionPolicy,
  SelectionResult,
  SelectionTraceEntry,
  SkipReason,
} from './sasl/selection';
export { formatTrace } from './sasl/selection';
export { singleMessage } from './sasl/singleMessage';
export { CORE_VERSION } from './version';
