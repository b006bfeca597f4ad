import { ContainerModule, definePlugin, MechanismRegistrationToken } from '@switchboard/core';
import { standardMechanisms } from './sasl/mechanisms';

/**
 * Contributes the standard SASL mechanisms (SCRAM-SHA-256, SCRAM-SHA-1, PLAIN, ANONYMOUS) to
 * the container's registry. Load it before any XMPP profile module.
 */
export const xmppBindings = new ContainerModule(({ bind }) => {
  for (const registration of standardMechanisms) {
    bind(MechanismRegistrationToken).toConstantValue(registration);
  }
});

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
