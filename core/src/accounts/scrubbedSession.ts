/**
 * The two ways errors come from a protocol session to its account, with the account's secrets
 * taken out (`scrubSecrets`): what the session's methods throw or reject with, and the
 * errors it reports to the sink. Both wrappers are proxies, so they keep up with methods added
 * to {@link ProtocolSession} and {@link SessionSink} without a change here.
 */
import { SwitchboardError } from '../errors/SwitchboardError';
import type { ProtocolSession, SessionSink } from '../plugins/ProtocolPlugin';

/** Returns the error without the account's secrets. */
export type Scrub = (error: unknown) => unknown;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** `session`, whose methods' errors (thrown or rejected) are scrubbed. */
export function scrubbedSession(session: ProtocolSession, scrub: Scrub): ProtocolSession {
  // One wrapper per method, made on first use: sending is a hot path.
  const wrappers = new Map<PropertyKey, (...args: unknown[]) => unknown>();
  return new Proxy(session, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      let wrapper = wrappers.get(key);
      if (wrapper === undefined) {
        wrapper = (...args: unknown[]) => {
          try {
            const result: unknown = value.apply(target, args);
            if (!isThenable(result)) return result;
            return Promise.resolve(result).catch((error: unknown) => {
              throw scrub(error);
            });
          } catch (error) {
            throw scrub(error);
          }
        };
        wrappers.set(key, wrapper);
      }
      return wrapper;
    },
  });
}

function isError(value: unknown): boolean {
  return value instanceof Error || SwitchboardError.is(value);
}

/** An argument with its error scrubbed: the error itself, or a report's `error` field. */
function scrubArgument(arg: unknown, scrub: Scrub): unknown {
  if (isError(arg)) return scrub(arg);
  if (typeof arg === 'object' && arg !== null && isError((arg as { error?: unknown }).error)) {
    return { ...arg, error: scrub((arg as { error: unknown }).error) };
  }
  return arg;
}

/**
 * `sink`, to which every error arrives scrubbed: an error argument (`closed(error)`) and the
 * `error` of a report (`sent`, `bounced`).
 */
export function scrubbedSink(sink: SessionSink, scrub: Scrub): SessionSink {
  return new Proxy(sink, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        value.apply(
          target,
          args.map((arg) => scrubArgument(arg, scrub)),
        );
    },
  });
}
