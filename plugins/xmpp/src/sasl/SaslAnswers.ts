/**
 * RFC 6120 §6.4: the server's SASL elements (`<challenge/>`, `<success/>`, `<failure/>`) each
 * answer what the client sent (`<auth/>`, `<response/>`), once. Anything else in the SASL
 * namespace (a `<success/>` before `<auth/>`, a second answer, a `<challenge/>` after
 * `<success/>`) breaks the exchange: the connection is dropped with SB_SASL_PROTOCOL at once.
 */
import { SwitchboardError } from '@switchboard/core';
import type { Client } from '@xmpp/client-core';
import type { Element } from '@xmpp/xml';
import { nextNonza } from '../connection/nextNonza';
import { NS_SASL } from './exchange';

/**
 * Watches one connection's SASL namespace from its construction on (for the rest of the
 * connection: SASL runs once). The exchange asks it for each answer with {@link next};
 * an element nobody asked for goes to `onUnexpected`.
 */
export class SaslAnswers {
  readonly #entity: Client;
  readonly #timeoutMs: number;
  readonly #ns: string;
  #waiting = false;

  /** `ns`: the SASL namespace watched, classic SASL's by default (SASL2: `urn:xmpp:sasl:2`). */
  constructor(
    entity: Client,
    timeoutMs: number,
    onUnexpected: (error: SwitchboardError) => void,
    ns: string = NS_SASL,
  ) {
    this.#entity = entity;
    this.#timeoutMs = timeoutMs;
    this.#ns = ns;
    entity.on('nonza', (element: Element) => {
      if (element.getNS() !== ns) return;
      if (this.#waiting) {
        // The answer: next()'s own listener, registered after this one, takes it.
        this.#waiting = false;
        return;
      }
      onUnexpected(
        new SwitchboardError(
          'SB_SASL_PROTOCOL',
          `The server sent <${element.name}/> when no SASL answer was due; the connection was closed.`,
          { details: { element: element.name, reason: 'unsolicited' } },
        ),
      );
    });
  }

  /**
   * Resolves with the server's answer to what the caller sends next; rejects like
   * {@link nextNonza}. Call it before sending. A rejection nobody awaits (the send failed
   * first) is not left unhandled.
   */
  next(): Promise<Element> {
    this.#waiting = true;
    const answer = nextNonza(this.#entity, this.#ns, this.#timeoutMs, 'the SASL exchange');
    answer.catch(() => {
      this.#waiting = false;
    });
    return answer;
  }
}
