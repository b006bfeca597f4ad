import { createSecureContext, type SecureContext } from 'node:tls';

/** How many distinct trust settings keep a context; more are rare (one per custom CA). */
const LIMIT = 16;

const contexts = new Map<string, SecureContext>();

/** A TLS client certificate and its private key, both PEM. */
export interface ClientCertificatePem {
  readonly cert: string;
  readonly key: string;
}

/**
 * The TLS context for a trust setting (the caller's CAs, or Node's default roots when
 * `undefined`) and an optional client certificate, shared by every connection with the same
 * setting. Node builds a new context, with its own parsed certificate store, for each connection
 * that passes `ca` itself: about 60 KiB per connection, which a host with thousands of accounts
 * pays per account. Contexts are immutable once made, so sharing changes nothing about
 * verification, which stays per connection (`rejectUnauthorized`, `servername`). Throws what
 * Node throws for PEM it cannot load (its message names no key material).
 */
export function secureContextFor(
  ca: readonly string[] | undefined,
  client?: ClientCertificatePem,
): SecureContext {
  const key = [ca?.length ?? -1, ...(ca ?? []), client?.cert ?? '', client?.key ?? ''].join('\n');
  const known = contexts.get(key);
  if (known !== undefined) {
    // Most recently used last, so eviction drops the oldest unused setting.
    contexts.delete(key);
    contexts.set(key, known);
    return known;
  }
  const context = createSecureContext({
    ...(ca === undefined ? {} : { ca: [...ca] }),
    ...(client === undefined ? {} : { cert: client.cert, key: client.key }),
    minVersion: 'TLSv1.2',
  });
  contexts.set(key, context);
  if (contexts.size > LIMIT) {
    const oldest = contexts.keys().next().value;
    if (oldest !== undefined) contexts.delete(oldest);
  }
  return context;
}
