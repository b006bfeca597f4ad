import { ContainerModule } from 'inversify';
import { SaslRegistry } from '../sasl/SaslRegistry';
import { MechanismRegistrationToken, SaslRegistryToken } from './tokens';

/**
 * Binds the core services: one {@link SaslRegistry} per container, filled with every
 * {@link MechanismRegistrationToken} binding the loaded modules contribute.
 */
export const coreModule = new ContainerModule(({ bind }) => {
  bind(SaslRegistryToken)
    .toDynamicValue((context) => {
      const registry = new SaslRegistry();
      const registrations = context.getAll(MechanismRegistrationToken, { optional: true });
      for (const { mechanism, priority, override } of registrations) {
        // Two plugins contributing the same definition register it once.
        if (registry.get(mechanism.name) === mechanism) continue;
        registry.register(mechanism, override === true ? { priority, override } : { priority });
      }
      return registry;
    })
    .inSingletonScope();
});
