/**
 * Credentials that are safe to log: the secret fields are there for the code that reads them by
 * name (`credential.password`), but they are not enumerable, so spreading, `Object.keys`,
 * `structuredClone` and loggers that walk properties do not see them; `util.inspect` and
 * `JSON.stringify` show `[redacted]` in their place. Uses `Symbol.for`, not `node:util`, so core
 * stays browser-safe.
 */
import type { ConfiguredCredential } from './Credential';

/** What logs show instead of a secret. */
export const REDACTED = '[redacted]';

/** Fields of a credential that are not secret; every other field is. */
const PUBLIC_FIELDS: ReadonlySet<string> = new Set(['kind', 'expiresAt']);

/** Whether a credential's field holds a secret: every field but `kind` and `expiresAt`. */
export function isSecretField(field: string): boolean {
  return !PUBLIC_FIELDS.has(field);
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** The credential as logs see it: public fields as they are, each secret as `[redacted]`. */
function redactedView(credential: object): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(credential)) {
    view[key] = isSecretField(key) ? REDACTED : (credential as Record<string, unknown>)[key];
  }
  return view;
}

/** The prototype of protected credentials: how they print and serialize. */
const protectedPrototype = Object.freeze(
  Object.defineProperties(
    {},
    {
      toJSON: {
        value(this: object) {
          return redactedView(this);
        },
      },
      [INSPECT]: {
        value(this: object) {
          return redactedView(this);
        },
      },
    },
  ),
);

/** Whether `credential` came from {@link protectCredential}. */
export function isProtectedCredential(credential: ConfiguredCredential): boolean {
  return Object.getPrototypeOf(credential) === protectedPrototype;
}

/**
 * A frozen copy of `credential` that is safe to log (see the file header): read its fields by
 * name; a spread copy (`{ ...credential }`) has only the public ones (`kind`, `expiresAt`).
 * Returns `credential` itself when it is protected already.
 */
export function protectCredential<C extends ConfiguredCredential>(credential: C): C {
  if (isProtectedCredential(credential)) return credential;
  const copy = Object.create(protectedPrototype) as C;
  for (const [key, value] of Object.entries(credential)) {
    Object.defineProperty(copy, key, { value, enumerable: !isSecretField(key) });
  }
  return Object.freeze(copy);
}
