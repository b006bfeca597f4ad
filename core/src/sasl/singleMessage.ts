import type { SaslCredentials, SaslData, SaslMechanism } from './SaslMechanism';
import { saslOutOfOrder } from './saslOutOfOrder';

/**
 * A per-login instance of a client-first mechanism that sends exactly one message and expects no
 * challenge (PLAIN, ANONYMOUS, token mechanisms such as X-MESSENGER-OAUTH2 or X-OAUTH2).
 * `message` builds the payload (and validates the credentials); a challenge or a second response
 * is SB_SASL_PROTOCOL. `authAttributes`, when given, go on `<auth/>`.
 */
export function singleMessage(
  name: string,
  message: (credentials: SaslCredentials) => SaslData,
  authAttributes?: Readonly<Record<string, string>>,
): SaslMechanism {
  let sent = false;
  return {
    name,
    clientFirst: true,
    response(credentials) {
      if (sent) throw saslOutOfOrder(name, 'a second response was requested');
      const payload = message(credentials);
      sent = true;
      return payload;
    },
    challenge() {
      throw saslOutOfOrder(name, 'the server sent a challenge');
    },
    ...(authAttributes === undefined ? {} : { authAttributes: () => authAttributes }),
  };
}
