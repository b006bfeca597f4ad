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
import xml from '@xmpp/xml';
import { refusalError } from './refusal';
import type { SaslAnswers } from './SaslAnswers';
import { decodePayload, encodeInitial, encodeResponse } from './wire';

/** The SASL namespace. */
export const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';

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
  let challenged = false;
  for (;;) {
    const element = await answer;
    if (element.name === 'failure') {
      throw refusalError(element, definition.name, mechanism.failureDetails?.(), challenged);
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
      challenged = true;
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
