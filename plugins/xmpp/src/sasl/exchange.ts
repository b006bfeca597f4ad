/**
 * One SASL exchange over an XMPP stream (RFC 6120 §6.4): `<auth/>`, any number of
 * `<challenge/>`/`<response/>`, then `<success/>` (with optional data, verified by the
 * mechanism) or `<failure/>` (surfaced as SB_SASL_FAILURE with condition and text).
 */
import {
  type SaslCredentials,
  type SaslLoginContext,
  type SaslMechanism,
  type SaslMechanismDefinition,
  SwitchboardError,
} from '@switchboard/core';
import type { Client } from '@xmpp/client-core';
import xml, { type Element } from '@xmpp/xml';
import { readCondition } from '../connection/readCondition';
import type { SaslAnswers } from './SaslAnswers';
import { decodePayload, encodeInitial, encodeResponse } from './wire';

/** The SASL namespace. */
export const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';

/** SB_SASL_FAILURE for a `<failure/>` (classic or SASL2): the condition and text in `details`. */
export function failureError(
  element: Element,
  mechanism: string,
  learned: Readonly<Record<string, unknown>> = {},
): SwitchboardError {
  const { condition, text } = readCondition(element);
  return new SwitchboardError(
    'SB_SASL_FAILURE',
    `The server rejected ${mechanism} authentication: ${condition}${text ? ` (${text})` : ''}.`,
    { details: { ...learned, condition, ...(text === undefined ? {} : { text }), mechanism } },
  );
}

async function abort(entity: Client): Promise<void> {
  await entity.send(xml('abort', { xmlns: NS_SASL })).catch(() => undefined);
}

/**
 * Runs the exchange to `<success/>`; throws a coded error otherwise. Each answer is awaited
 * through `answers`, which watches the connection for SASL elements sent out of turn.
 */
export async function exchange(
  entity: Client,
  definition: SaslMechanismDefinition,
  credentials: SaslCredentials,
  answers: SaslAnswers,
  context?: SaslLoginContext,
): Promise<void> {
  const mechanism: SaslMechanism = definition.create(context);
  const attrs = {
    xmlns: NS_SASL,
    mechanism: definition.name,
    ...mechanism.authAttributes?.(credentials),
  };
  const text = definition.clientFirst
    ? encodeInitial(await mechanism.response(credentials))
    : undefined;

  let answer = answers.next();
  await entity.send(xml('auth', attrs, text));
  for (;;) {
    const element = await answer;
    if (element.name === 'failure') {
      throw failureError(element, definition.name, mechanism.failureDetails?.());
    }
    try {
      if (element.name === 'success') {
        const data = decodePayload(element.text(), 'success');
        await mechanism.success?.(data);
        return;
      }
      if (element.name !== 'challenge') {
        throw new SwitchboardError(
          'SB_SASL_PROTOCOL',
          `Unexpected <${element.name}/> during SASL.`,
          {
            details: { element: element.name },
          },
        );
      }
      await mechanism.challenge(decodePayload(element.text(), 'challenge') ?? new Uint8Array(0));
      const reply = encodeResponse(await mechanism.response(credentials));
      answer = answers.next();
      await entity.send(xml('response', { xmlns: NS_SASL }, reply));
    } catch (error) {
      if (element.name === 'challenge') await abort(entity);
      throw error;
    }
  }
}
