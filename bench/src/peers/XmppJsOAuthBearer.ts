/**
 * SASL OAUTHBEARER (RFC 7628) for xmpp.js's mechanism factory (`saslmechanisms`), which has none
 * built in: the initial response `n,a=<user>@<domain>,^Aauth=Bearer <token>^A^A`; an error
 * challenge (JSON) is answered with the single byte %x01, as the RFC asks.
 */
export class XmppJsOAuthBearer {
  #refused = false;

  /** On the prototype (a getter), where `saslmechanisms` looks for the name. */
  get name(): string {
    return 'OAUTHBEARER';
  }

  get clientFirst(): boolean {
    return true;
  }

  response(credentials: Record<string, unknown>): string {
    if (this.#refused) return '\x01';
    const { username, server, token } = credentials as Record<string, string>;
    return `n,a=${username}@${server},\x01auth=Bearer ${token}\x01\x01`;
  }

  challenge(): this {
    this.#refused = true;
    return this;
  }
}
