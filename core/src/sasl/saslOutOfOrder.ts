import { SwitchboardError } from '../errors/SwitchboardError';

/**
 * The SB_SASL_PROTOCOL error for a mechanism whose exchange went out of turn: a challenge to a
 * one-step mechanism, a second response, success before verification, and the like.
 *
 * @param mechanism - The mechanism name, e.g. `PLAIN`; it goes into the message and
 *   `details.mechanism`.
 * @param problem - What went wrong, in lower case and without a trailing period, e.g.
 *   `the server sent a challenge`. Never put server data or a secret in it.
 * @returns `SwitchboardError('SB_SASL_PROTOCOL')` with the message
 *   `The <mechanism> exchange is out of order: <problem>.` and `details: { mechanism }`.
 */
export function saslOutOfOrder(mechanism: string, problem: string): SwitchboardError {
  return new SwitchboardError(
    'SB_SASL_PROTOCOL',
    `The ${mechanism} exchange is out of order: ${problem}.`,
    { details: { mechanism } },
  );
}
