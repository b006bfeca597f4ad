/**
 * EXTERNAL (RFC 4422 Appendix A): the identity comes from outside SASL — for IRC and XMPP, the
 * TLS client certificate the connection presented — and the one client message carries only
 * the authorization identity, or nothing.
 */
import type { SaslCredentials, SaslMechanism, SaslMechanismDefinition } from '@switchboard/core';
import { singleMessage } from '@switchboard/core';
import { readCredential } from './readCredential';

const NAME = 'EXTERNAL';

/**
 * The credential kind EXTERNAL needs: the account logs in with a TLS client certificate. The
 * certificate never passes through the mechanism; the protocol plugin presents it during the
 * TLS handshake (Node's `tls.connect({ cert, key })`) before SASL starts, and offers EXTERNAL
 * only on a connection that did so.
 */
export const CERTIFICATE_CREDENTIAL = 'certificate';

function externalMessage(credentials: SaslCredentials): string {
  return readCredential(credentials, 'authzid', NAME, false) ?? '';
}

/**
 * EXTERNAL (RFC 4422 Appendix A). Sends `credentials.authzid` as UTF-8, or an empty message
 * (the server derives the identity from the client certificate). Needs the
 * {@link CERTIFICATE_CREDENTIAL} kind and TLS; the authzid is not a secret, so payloads are not
 * redacted. Not part of {@link standardMechanisms}: a plugin that presents client certificates
 * registers it.
 */
export const external: SaslMechanismDefinition = Object.freeze({
  name: NAME,
  clientFirst: true,
  credentialKinds: Object.freeze([CERTIFICATE_CREDENTIAL]),
  redaction: 'none',
  create: (): SaslMechanism => singleMessage(NAME, externalMessage),
});
