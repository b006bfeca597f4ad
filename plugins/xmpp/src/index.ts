/// <reference path="../types/xmpp.d.ts" />
/**
 * @switchboard/xmpp: the base XMPP plugin of Switchboard, built on xmpp.js, with SASL driven
 * by the core mechanism registry.
 * @packageDocumentation
 */

export type {
  OAuthBearerDefinition,
  OAuthBearerMechanism,
  OAuthBearerServerError,
  ScramHash,
  ScramOptions,
} from '@switchboard/sasl';
export {
  anonymous,
  createScram,
  oauthbearer,
  plain,
  scramSha1,
  scramSha256,
  standardMechanisms,
} from '@switchboard/sasl';
export type { Endpoint, EndpointPlan, Target } from './connection/resolveEndpoint';
export { resolveEndpoint } from './connection/resolveEndpoint';
export type { DnsResolverOptions } from './discovery/createDnsResolver';
export { createDnsResolver } from './discovery/createDnsResolver';
export type { DnsResolver, SrvRecord } from './discovery/DnsResolver';
export { DnsResolverToken } from './discovery/DnsResolver';
export type {
  DiscoveredTargets,
  DiscoverOptions,
  FailedLookup,
} from './discovery/discoverTargets';
export { discoverTargets } from './discovery/discoverTargets';
export type { RandomSource, Weighted } from './discovery/orderSrvRecords';
export { orderSrvRecords } from './discovery/orderSrvRecords';
export type { TargetAttempt } from './discovery/TargetAttempt';
export type { StanzaErrorCondition, StanzaErrorType } from './extensions/stanzaError';
export { stanzaError } from './extensions/stanzaError';
export type {
  IqHandler,
  IqRequest,
  IqRequestOptions,
  OnlineInfo,
  StanzaFilter,
  StanzaHandler,
  XmppExtension,
  XmppExtensionContext,
  XmppExtensionDefinition,
} from './extensions/XmppExtension';
export { defineXmppExtension } from './extensions/XmppExtension';
export type { XmlChild, XmlElement } from './extensions/xmlElement';
export { xml } from './extensions/xmlElement';
export { discoFeatures } from './im/disco';
export type { UserAgent } from './sasl/sasl2Extras';
export type { XmppLoginOptions } from './sasl/sasl2Feature';
export { XmppPlugin, xmppDefaults } from './XmppPlugin';
export { default, dnsResolverModule, xmppBindings, xmppModule } from './xmppModule';
