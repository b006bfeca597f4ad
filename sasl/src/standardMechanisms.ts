/**
 * The standard SASL mechanisms with their default priorities, the same on every protocol.
 */
import type { MechanismRegistration } from '@switchboard/core';
import { anonymous } from './anonymous';
import { htSha256Endp, htSha256Expr, htSha256None, htSha256Uniq } from './hashedToken';
import { plain } from './plain';
import {
  scramSha1,
  scramSha1Plus,
  scramSha256,
  scramSha256Plus,
  scramSha512,
  scramSha512Plus,
} from './scram';

function entry(mechanism: MechanismRegistration['mechanism'], priority: number) {
  return Object.freeze({ mechanism, priority });
}

/**
 * When neither profile nor account orders the choice, the strongest mechanism the server
 * offers wins: SCRAM with channel binding (SCRAM-SHA-512-PLUS 420, SCRAM-SHA-256-PLUS 410,
 * SCRAM-SHA-1-PLUS 400; only eligible when the connection can bind), then SCRAM-SHA-512 (320),
 * SCRAM-SHA-256 (300), SCRAM-SHA-1 (200), PLAIN (100) and ANONYMOUS (0). The FAST token
 * mechanisms HT-SHA-256-EXPR (540), -ENDP (530), -UNIQ (520) and -NONE (500) take the
 * `fast-token` credential kind, which no account credential has: they never win a normal
 * selection, only a FAST login that asks the registry with that kind.
 */
export const standardMechanisms: readonly MechanismRegistration[] = Object.freeze([
  entry(htSha256Expr, 540),
  entry(htSha256Endp, 530),
  entry(htSha256Uniq, 520),
  entry(htSha256None, 500),
  entry(scramSha512Plus, 420),
  entry(scramSha256Plus, 410),
  entry(scramSha1Plus, 400),
  entry(scramSha512, 320),
  entry(scramSha256, 300),
  entry(scramSha1, 200),
  entry(plain, 100),
  entry(anonymous, 0),
]);
