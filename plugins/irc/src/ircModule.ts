import { ContainerModule, definePlugin, MechanismRegistrationToken } from '@switchboard/core';
import { ecdsaNist256pChallenge, external, standardMechanisms } from '@switchboard/sasl';

/**
 * Contributes the SASL mechanisms IRC networks use to the container's registry: the standard
 * ones (SCRAM-SHA-256, SCRAM-SHA-1, PLAIN, ANONYMOUS, the same definitions the XMPP plugin
 * contributes), EXTERNAL (a TLS client certificate) and ECDSA-NIST256P-CHALLENGE (Atheme).
 * Load it before any IRC profile module.
 */
export const ircBindings = new ContainerModule(({ bind }) => {
  for (const registration of standardMechanisms) {
    bind(MechanismRegistrationToken).toConstantValue(registration);
  }
  bind(MechanismRegistrationToken).toConstantValue({ mechanism: external, priority: 400 });
  bind(MechanismRegistrationToken).toConstantValue({
    mechanism: ecdsaNist256pChallenge,
    priority: 350,
  });
});

/** The IRC plugin module, with a manifest so profiles can declare `@switchboard/irc`. */
export const ircModule = definePlugin({
  name: '@switchboard/irc',
  version: '0.1.0',
  core: '^0.1.0',
  bindings: ircBindings,
});

export default ircModule;
