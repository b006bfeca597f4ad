/**
 * One SASL2 exchange (XEP-0388 §2): `<authenticate/>` with the initial response and whatever
 * rides along (user agent, Bind2, inline stream management, FAST), any number of
 * `<challenge/>`/`<response/>`, then `<success/>` (its `<additional-data/>` verified by the
 * mechanism), `<failure/>` (SB_SASL_FAILURE with condition and text, like classic SASL) or
 * `<continue/>` (tasks, which this client does not run: SB_SASL_PROTOCOL, after `<abort/>`).
 */
import {
  type SaslCredentials,
  type SaslLoginContext,
  type SaslMechanismDefinition,
  SwitchboardError,
} from '@switchboard/core';
import type { Client } from '@xmpp/client-core';
import xml, { type Element } from '@xmpp/xml';
import { refusalError } from './refusal';
import type { SaslAnswers } from './SaslAnswers';
import { NS_SASL2 } from './sasl2Names';
import { decodePayload, encodeInitial, encodeResponse } from './wire';

/** One `<authenticate/>`: the mechanism, its context and what goes with it. */
export interface Sasl2Attempt {
  readonly definition: SaslMechanismDefinition;
  readonly context: SaslLoginContext;
  readonly credentials: SaslCredentials;
  /** `<user-agent/>`, `<bind/>`, `<resume/>`, `<fast/>`, `<request-token/>`. */
  readonly extras: readonly Element[];
}

async function abort(entity: Client, text?: string): Promise<void> {
  const element = xml(
    'abort',
    { xmlns: NS_SASL2 },
    text === undefined ? null : xml('text', {}, text),
  );
  await entity.send(element).catch(() => undefined);
}

function continueError(element: Element): SwitchboardError {
  const tasks = (element.getChild('tasks')?.getChildren('task') ?? []).map((t) => t.text());
  return new SwitchboardError(
    'SB_SASL_PROTOCOL',
    `The server asked for further SASL2 tasks (${tasks.join(', ') || 'none named'}), which this client does not support; the login was aborted.`,
    { details: { reason: 'tasks-unsupported', tasks } },
  );
}

/**
 * Runs the exchange; resolves with the verified `<success/>` (nothing of it applied yet), or
 * throws a coded error. `answers` watches the SASL2 namespace for elements out of turn.
 */
export async function sasl2Exchange(
  entity: Client,
  attempt: Sasl2Attempt,
  answers: SaslAnswers,
): Promise<Element> {
  const { definition, credentials } = attempt;
  const mechanism = definition.create(attempt.context);
  const initial = definition.clientFirst
    ? encodeInitial(await mechanism.response(credentials))
    : undefined;
  let answer = answers.next();
  await entity.send(
    xml(
      'authenticate',
      { xmlns: NS_SASL2, mechanism: definition.name },
      initial === undefined ? null : xml('initial-response', {}, initial),
      ...attempt.extras,
    ),
  );
  let challenged = false;
  for (;;) {
    const element = await answer;
    if (element.name === 'failure') {
      throw refusalError(element, definition.name, mechanism.failureDetails?.(), challenged);
    }
    try {
      if (element.name === 'success') {
        const data = element.getChildText('additional-data');
        await mechanism.success?.(data === null ? null : decodePayload(data, 'success'));
        return element;
      }
      if (element.name === 'continue') throw continueError(element);
      if (element.name !== 'challenge') {
        throw new SwitchboardError(
          'SB_SASL_PROTOCOL',
          `Unexpected <${element.name}/> during SASL2.`,
          { details: { element: element.name } },
        );
      }
      challenged = true;
      await mechanism.challenge(decodePayload(element.text(), 'challenge') ?? new Uint8Array(0));
      const reply = encodeResponse(await mechanism.response(credentials));
      answer = answers.next();
      await entity.send(xml('response', { xmlns: NS_SASL2 }, reply));
    } catch (error) {
      if (element.name === 'challenge' || element.name === 'continue') await abort(entity);
      throw error;
    }
  }
}
