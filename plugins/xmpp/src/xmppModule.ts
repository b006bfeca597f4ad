import { MechanismRegistrationToken } from '@switchboard/core';
import { ContainerModule } from 'inversify';
import { standardMechanisms } from './sasl/mechanisms';

/**
 * Contributes the standard SASL mechanisms (SCRAM-SHA-256, SCRAM-SHA-1, PLAIN, ANONYMOUS) to
 * the container's registry. Load it before any XMPP profile module.
 */
export const xmppModule = new ContainerModule(({ bind }) => {
  for (const registration of standardMechanisms) {
    bind(MechanismRegistrationToken).toConstantValue(registration);
  }
});
