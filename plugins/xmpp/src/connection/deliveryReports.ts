import { type SessionSink, SwitchboardError } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import type { ResendReports } from '../sm/resendPrevious';
import { streamCondition } from './blamesStanza';
import { toSwitchboardError } from './toSwitchboardError';

/** Delivery reports of one connection, turned into the account's {@link SessionSink.sent}. */
export interface DeliveryReports extends ResendReports {
  /** Outbound stanzas the server confirmed. */
  handled(stanzas: readonly Element[]): void;
  /** True once a stanza was reported as refused on this connection. */
  refusedAny(): boolean;
}

/** The id of an outbound message; other stanzas have no delivery to report. */
function messageId(stanza: Element): string | undefined {
  return stanza.name === 'message' ? stanza.attrs.id : undefined;
}

/** Reports what becomes of outbound messages to `sink`, by message id. */
export function deliveryReports(
  sink: SessionSink,
  where: { host: string; port: number },
): DeliveryReports {
  let refused = false;
  return {
    handled: (stanzas) => {
      for (const stanza of stanzas) {
        const id = messageId(stanza);
        if (id !== undefined) sink.sent({ id, status: 'acknowledged' });
      }
    },
    written: (stanza) => {
      const id = messageId(stanza);
      if (id !== undefined) sink.sent({ id, status: 'written' });
    },
    refused: (stanza, cause) => {
      refused = true;
      const id = messageId(stanza);
      if (id === undefined) return;
      const condition = streamCondition(cause);
      const to = stanza.attrs.to ?? '';
      const how =
        condition === undefined
          ? 'The connection ended twice while the server had the message to'
          : `The server closed the stream (${condition}) on receiving the message to`;
      const error = new SwitchboardError(
        'SB_MESSAGE_REFUSED',
        `${how} ${to}; it is not sent again.`,
        {
          cause: toSwitchboardError(cause, where),
          details: { ...(condition === undefined ? {} : { condition }), to, id },
        },
      );
      sink.sent({ id, status: 'refused', error });
    },
    refusedAny: () => refused,
  };
}
