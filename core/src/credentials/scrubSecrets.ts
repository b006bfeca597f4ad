/**
 * Takes an account's own secrets out of an error before the host sees it. A server may echo
 * what the client sent (in a SASL `<failure><text>`, a `<stream:error><text>`, a token
 * mechanism's error payload), and errors carry the server's words in their message, details and
 * causes. Protocol-neutral: it knows secrets and errors, not where they came from.
 */
import { type ErrorDetails, SwitchboardError } from '../errors/SwitchboardError';
import { REDACTED } from './protectCredential';
import { secretForms } from './secretForms';

/** Enough for any real error; a graph larger than this is scrubbed as if it held a secret. */
const MAX_VISITS = 10_000;

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isError(value: object): value is Error {
  return value instanceof Error || SwitchboardError.is(value);
}

/** What a walk looks at in an object: its enumerable fields, and an error's standard ones. */
function fieldsOf(value: object): unknown[] {
  const fields: unknown[] = Object.values(value);
  if (isError(value)) fields.push(value.name, value.message, value.stack, value.cause);
  return fields;
}

/** Whether any string reachable from `value` contains one of `forms`. */
function holdsSecret(value: unknown, forms: readonly string[]): boolean {
  const seen = new Set<object>();
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (forms.some((form) => next.includes(form))) return true;
    } else if (typeof next === 'object' && next !== null && !seen.has(next)) {
      if (seen.size >= MAX_VISITS) return true;
      seen.add(next);
      try {
        pending.push(...fieldsOf(next));
      } catch {
        return true; // a getter that throws: do not trust what it hides
      }
    }
  }
  return false;
}

function describe(value: object): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Copies values with every form of the secrets replaced; remembers copies, so cycles end. */
class Scrubber {
  readonly #forms: readonly string[];
  readonly #copies = new Map<object, unknown>();

  constructor(forms: readonly string[]) {
    this.#forms = forms;
  }

  text(text: string): string {
    let result = text;
    for (const form of this.#forms) result = result.split(form).join(REDACTED);
    return result;
  }

  /**
   * Strings scrubbed, arrays and plain objects copied, errors rebuilt ({@link error}); any other
   * object becomes its scrubbed text.
   */
  value(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (typeof value !== 'object' || value === null) return value;
    if (this.#copies.has(value)) return this.#copies.get(value);
    if (isError(value)) return this.error(value);
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      this.#copies.set(value, copy);
      for (const item of value) copy.push(this.value(item));
      return copy;
    }
    if (!isPlainObject(value)) return this.text(describe(value));
    const copy: Record<string, unknown> = {};
    this.#copies.set(value, copy);
    for (const [key, field] of Object.entries(value)) copy[key] = this.value(field);
    return copy;
  }

  /**
   * A SwitchboardError is copied with its code, scrubbed message, stack and details; any other
   * error becomes a plain Error with its scrubbed name, message and stack and nothing else (an
   * xmpp.js error's `element` holds the server's raw text). Causes are rebuilt the same way.
   */
  error(error: Error): Error {
    const message = this.text(String(error.message));
    const copy = SwitchboardError.is(error)
      ? new SwitchboardError(error.code, message)
      : new Error(message);
    this.#copies.set(error, copy);
    if (!SwitchboardError.is(error)) copy.name = this.text(String(error.name));
    copy.stack = typeof error.stack === 'string' ? this.text(error.stack) : '';
    if (SwitchboardError.is(error)) {
      Object.defineProperty(copy, 'details', { value: this.value(error.details) as ErrorDetails });
    }
    if (error.cause !== undefined) {
      Object.defineProperty(copy, 'cause', {
        value: this.#cause(error.cause),
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }

  #cause(cause: unknown): unknown {
    if (typeof cause !== 'object' || cause === null) return this.value(cause);
    if (this.#copies.has(cause)) return this.#copies.get(cause);
    return isError(cause) ? this.error(cause) : new Error(this.text(describe(cause)));
  }
}

/**
 * `error` without any form of `secrets` (see `secretForms`): the message, every string in the
 * details (deeply) and the whole cause chain are scrubbed, each secret replaced by `[redacted]`;
 * causes that are not SwitchboardErrors become plain Errors carrying only their scrubbed name,
 * message and stack. Returns `error` itself when no secret is found anywhere in it.
 */
export function scrubSecrets(error: SwitchboardError, secrets: readonly string[]): SwitchboardError;
export function scrubSecrets(error: unknown, secrets: readonly string[]): unknown;
export function scrubSecrets(error: unknown, secrets: readonly string[]): unknown {
  const forms = secretForms(secrets);
  if (forms.length === 0 || !holdsSecret(error, forms)) return error;
  return new Scrubber(forms).value(error);
}
