import type { ServiceIdentifier } from 'inversify';
import type { ProfilePlugin } from '../plugins/ProtocolPlugin';
import type { SaslMechanismDefinition } from '../sasl/SaslMechanism';
import type { SaslRegistry } from '../sasl/SaslRegistry';

/** A mechanism contributed by a module, registered in the container's registry at start. */
export interface MechanismRegistration {
  readonly mechanism: SaslMechanismDefinition;
  readonly priority: number;
  /** Replace a mechanism of the same name registered by an earlier module. */
  readonly override?: boolean;
}

/** The container's one {@link SaslRegistry}. */
export const SaslRegistryToken: ServiceIdentifier<SaslRegistry> = Symbol.for(
  '@switchboard/core/SaslRegistry',
);

/** Multi-bound: every SASL mechanism a loaded module contributes. */
export const MechanismRegistrationToken: ServiceIdentifier<MechanismRegistration> = Symbol.for(
  '@switchboard/core/MechanismRegistration',
);

/** Multi-bound: every profile a loaded module contributes. */
export const ProfilePluginToken: ServiceIdentifier<ProfilePlugin> = Symbol.for(
  '@switchboard/core/ProfilePlugin',
);
