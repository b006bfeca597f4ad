/**
 * The nick to try after ERR_NICKNAMEINUSE (433) or ERR_NICKCOLLISION (436) during registration.
 * With SASL the account name is separate from the nick, so logging in does not depend on getting
 * the wanted nick.
 */

/**
 * The nick for retry number `attempt` (1, 2, …) after `nick` was refused: `nick_`, `nick__`, then
 * `nick3`, `nick4`…, shortened so that it fits `maxLength` (the server's `NICKLEN`) when given.
 */
export function nickAfterCollision(nick: string, attempt: number, maxLength?: number): string {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError('The retry attempt of a nick is a whole number from 1.');
  }
  const suffix = attempt <= 2 ? '_'.repeat(attempt) : String(attempt);
  const room = maxLength === undefined ? nick.length : Math.max(1, maxLength - suffix.length);
  return `${Array.from(nick).slice(0, room).join('')}${suffix}`;
}
