/**
 * IQ requests (RFC 6120 §8.2.3): each request waits for the `result` or `error` with its id,
 * from the entity it was sent to. The waiter exists before the request is sent, so a fast
 * reply can never be lost or reported as an unhandled rejection.
 */
import { SwitchboardError } from '@switchboard/core';
import type { Client } from '@xmpp/client-core';
import type { Middleware } from '@xmpp/middleware';
import xml, { type Element } from '@xmpp/xml';
import { nextId } from './nextId';
import { readCondition } from './readCondition';

interface Pending {
  readonly to: string | undefined;
  readonly resolve: (child: Element | undefined) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

function stanzaError(iq: Element): SwitchboardError {
  const error = iq.getChild('error');
  const { condition, text } = readCondition(error);
  return new SwitchboardError(
    'SB_STANZA_ERROR',
    `The request failed: ${condition}${text ? ` (${text})` : ''}.`,
    {
      details: { condition, type: error?.attrs.type, ...(text === undefined ? {} : { text }) },
    },
  );
}

/** Sends IQ requests on one connection and routes their replies. */
export class IqClient {
  readonly #entity: Client;
  readonly #pending = new Map<string, Pending>();

  constructor(entity: Client, middleware: Middleware) {
    this.#entity = entity;
    middleware.use((ctx, next) => {
      const { stanza } = ctx;
      const type = stanza.attrs.type;
      if (stanza.name !== 'iq' || (type !== 'result' && type !== 'error')) return next();
      const pending = this.#pending.get(ctx.id);
      if (pending === undefined || !this.#fromExpected(stanza.attrs.from, pending.to))
        return next();
      this.#settle(ctx.id);
      if (type === 'error') pending.reject(stanzaError(stanza));
      else pending.resolve(stanza.getChildElements()[0]);
      return undefined;
    });
    entity.on('disconnect', () => {
      for (const id of [...this.#pending.keys()]) {
        this.#pending
          .get(id)
          ?.reject(
            new SwitchboardError(
              'SB_CONNECTION_CLOSED',
              'The connection closed before the server answered.',
            ),
          );
        this.#settle(id);
      }
    });
  }

  /** Sends `<iq type=…>` with `child` and resolves with the reply's first child element. */
  request(
    type: 'get' | 'set',
    child: Element,
    to: string | undefined,
    timeoutMs: number,
  ): Promise<Element | undefined> {
    const id = nextId('sbiq');
    const reply = new Promise<Element | undefined>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#settle(id);
        reject(
          new SwitchboardError(
            'SB_TIMEOUT',
            `No answer to the ${child.name} request within ${timeoutMs} ms.`,
          ),
        );
      }, timeoutMs);
      this.#pending.set(id, { to, resolve, reject, timer });
    });
    this.#entity
      .send(xml('iq', to === undefined ? { type, id } : { type, id, to }, child))
      .catch((error: unknown) => {
        this.#pending.get(id)?.reject(error);
        this.#settle(id);
      });
    return reply;
  }

  #settle(id: string): void {
    const pending = this.#pending.get(id);
    if (pending !== undefined) clearTimeout(pending.timer);
    this.#pending.delete(id);
  }

  /** A reply must come from the addressee; without one, from the server or the account itself. */
  #fromExpected(from: string | undefined, to: string | undefined): boolean {
    const own = this.#entity.jid;
    if (to === undefined) {
      // Before bind there is no own JID yet: the server answers from nowhere or from its domain.
      const domain = own?.domain ?? this.#entity.options.domain;
      return (
        from === undefined ||
        from === domain ||
        from === own?.bare().toString() ||
        from === own?.toString()
      );
    }
    return from === to || (from === undefined && to === own?.bare().toString());
  }
}
