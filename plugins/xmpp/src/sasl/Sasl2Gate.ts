/**
 * What arrives after a SASL2 `<success/>` (XEP-0388 §2.6: no stream restart) waits until the
 * success is verified (the server's signature checked, the inline stream management answers
 * taken): a resumed stream's replayed stanzas must not reach the account from a server that
 * has not proven itself, nor be counted before the resumption is known. The `<stream:features/>`
 * the server sends after the success lists nothing left to negotiate and is not run again.
 */
import type { Middleware } from '@xmpp/middleware';
import type { Element } from '@xmpp/xml';
import { NS_SASL2 } from './sasl2Names';

const NS_STREAM = 'http://etherx.jabber.org/streams';

type GateState = 'idle' | 'authenticating' | 'holding' | 'open' | 'closed';

/** One per connection; install it as the first middleware. */
export class Sasl2Gate {
  #state: GateState = 'idle';
  #release: ((pass: boolean) => void) | undefined;
  #featuresDone = true;
  #released: Promise<boolean> = Promise.resolve(true);

  constructor(middleware: Middleware) {
    middleware.use(async (ctx, next) => {
      const stanza = ctx.stanza as Element;
      if (this.#state === 'authenticating' && stanza.is('success', NS_SASL2)) {
        this.#state = 'holding';
        this.#released = new Promise((resolve) => {
          this.#release = resolve;
        });
        return next();
      }
      if (this.#state === 'holding' && !(await this.#released)) return undefined;
      if (this.#state === 'closed') return undefined;
      if (this.#state === 'open' && this.#featuresDone && stanza.is('features', NS_STREAM)) {
        return undefined;
      }
      return next();
    });
  }

  /** True once a SASL2 login succeeded on this connection. */
  get succeeded(): boolean {
    return this.#state === 'open';
  }

  /** An `<authenticate/>` goes out: a `<success/>` now holds what follows it. */
  authenticating(): void {
    if (this.#state === 'idle') this.#state = 'authenticating';
  }

  /**
   * The success was verified (`pass`), and what it held flows on; or it was not, and is
   * dropped. `featuresDone`: the success bound or resumed the stream, so the features that
   * follow are not negotiated (without Bind2 they are: resource binding, stream management).
   */
  release(pass: boolean, featuresDone = true): void {
    this.#state = pass ? 'open' : 'closed';
    this.#featuresDone = featuresDone;
    this.#release?.(pass);
    this.#release = undefined;
  }
}
