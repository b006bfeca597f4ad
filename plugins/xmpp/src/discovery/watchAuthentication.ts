import type { SessionSink } from '@switchboard/core';

/**
 * `sink` as it is, except that it remembers whether authentication began (the session
 * called `authenticating()`): from then on the account's credential may be on the wire, and
 * a failure is no longer a reason to try another server.
 */
export function watchAuthentication(sink: SessionSink): {
  readonly sink: SessionSink;
  began(): boolean;
} {
  let began = false;
  const watched = new Proxy(sink, {
    get(target, property) {
      if (property === 'authenticating') {
        return () => {
          began = true;
          target.authenticating();
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { sink: watched, began: () => began };
}
