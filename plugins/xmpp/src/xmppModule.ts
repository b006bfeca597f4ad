import { ContainerModule, definePlugin, MechanismRegistrationToken } from '@switchboard/core';
import { standardMechanisms } from '@switchboard/sasl';
import { createDnsResolver } from './discovery/createDnsResolver';
import { type DnsResolver, DnsResolverToken } from './discovery/DnsResolver';

/**
 * Contributes the standard SASL mechanisms (SCRAM-SHA-256, SCRAM-SHA-1, PLAIN, ANONYMOUS) to
 * the container's registry, and the system's DNS resolver for server discovery
 * ({@link DnsResolverToken}). Load it before any XMPP profile module.
 */
export const xmppBindings = new ContainerModule(({ bind }) => {
  for (const registration of standardMechanisms) {
    bind(MechanismRegistrationToken).toConstantValue(registration);
  }
  bind(DnsResolverToken).toDynamicValue(() => createDnsResolver());
});

/**
 * A module that makes XMPP server discovery use `resolver` (e.g. `createDnsResolver({
 * servers: ['10.0.0.53'] })`): load it after the XMPP module and before the profiles.
 */
export function dnsResolverModule(resolver: DnsResolver): ContainerModule {
  return new ContainerModule(({ isBound, bind, rebind }) => {
    if (isBound(DnsResolverToken)) rebind(DnsResolverToken).toConstantValue(resolver);
    else bind(DnsResolverToken).toConstantValue(resolver);
  });
}

/**
 * The XMPP plugin module: the standard mechanisms with a manifest, so profiles can declare
 * `@switchboard/xmpp` as a dependency.
 */
export const xmppModule = definePlugin({
  name: '@switchboard/xmpp',
  version: '0.1.0',
  core: '^0.1.0',
  bindings: xmppBindings,
});

export default xmppModule;
