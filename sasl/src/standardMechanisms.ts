/**
 * The standard SASL mechanisms with their default priorities, the same on every protocol.
 */
import type { MechanismRegistration } from '@switchboard/core';
import { anonymous } from './anonymous';
import { plain } from './plain';
import { scramSha1, scramSha256 } from './scram';

/**
 * SCRAM-SHA-256 (300), SCRAM-SHA-1 (200), PLAIN (100) and ANONYMOUS (0): when neither profile
 * nor account orders the choice, the strongest mechanism the server offers wins.
 */
export const standardMechanisms: readonly MechanismRegistration[] = Object.freeze([
  Object.freeze({ mechanism: scramSha256, priority: 300 }),
  Object.freeze({ mechanism: scramSha1, priority: 200 }),
  Object.freeze({ mechanism: plain, priority: 100 }),
  Object.freeze({ mechanism: anonymous, priority: 0 }),
]);
