/**
 * PLAIN (RFC 4616): one client message `authzid NUL authcid NUL passwd`, UTF-8 encoded.
 */
import type { SaslCredentials, SaslMechanism, SaslMechanismDefinition } from '@switchboard/core';
import { singleMessage } from '@switchboard/core';
import { readCredential } from './readCredential';

const NAME = 'PLAIN';

function plainMessage(credentials: SaslCredentials): string {
  const authzid = readCredential(credentials, 'authzid', NAME, false) ?? '';
  const username = readCredential(credentials, 'username', NAME, true);
  const password = readCredential(credentials, 'password', NAME, true);
  return `${authzid}\u0000${username}\u0000${password}`;
}

/**
 * PLAIN (RFC 4616). Sends `authzid \0 username \0 password` as UTF-8; the authzid part is
 * empty unless `credentials.authzid` is set. Strings are sent as given: RFC 4616 leaves
 * SASLprep to the server. Needs a `password` credential and TLS; payloads are redacted.
 */
export const plain: SaslMechanismDefinition = Object.freeze({
  name: NAME,
  clientFirst: true,
  credentialKinds: Object.freeze(['password']),
  redaction: 'all',
  create: (): SaslMechanism => singleMessage(NAME, plainMessage),
});
