// Type declarations for saslmechanisms-style packages used in tests (they ship none).
declare module 'sasl-plain' {
  import type { SaslmechanismsClass } from '../src/sasl/adaptSaslMechanism';

  const Mechanism: SaslmechanismsClass;
  export default Mechanism;
}
declare module 'sasl-anonymous' {
  import type { SaslmechanismsClass } from '../src/sasl/adaptSaslMechanism';

  const Mechanism: SaslmechanismsClass;
  export default Mechanism;
}
