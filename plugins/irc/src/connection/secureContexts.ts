import { createSecureContext, type SecureContext } from 'node:tls';

/** How many distinct trust settings keep a context; more are rare (one per custom CA). */
const LIMIT = 16;

const contexts = new Map<string, SecureContext>();

/**
 * The TLS context for a trust setting (the caller's CAs, or Node's roots when `undefined`) and
 * an optional client certificate, shared by the connections with the same setting: Node builds
 * a certificate store per context, about 60 KiB, which a host with many accounts would pay per
 * connection. Verification stays per connection (`rejectUnauthorized`, `servername`).
 */
export function secureContextFor(
  ca: readonly string[] | undefined,
  client?: { readonly cert: string; readonly key: string },
): SecureContext {
  const key = [ca?.length ?? -1, ...(ca ?? []), client?.cert ?? '', client?.key ?? ''].join('\n');
  const known = contexts.get(key);
  if (known !== undefined) {
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
