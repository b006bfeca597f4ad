/**
 * What a SASL `<failure/>` (classic or SASL2) means: normally SB_SASL_FAILURE with the
 * condition and text; SB_SASL_DOWNGRADE when the login had sent SCRAM's gs2 flag `y` ("this
 * client can bind, the server seems not to": no -PLUS was offered) and the server refused it at
 * once, before any challenge, for a reason other than the credential (RFC 5802 §6: a server that
 * supports channel binding must refuse `y`; so someone on the path removed the -PLUS mechanisms).
 */
import { SwitchboardError } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import { readCondition } from '../connection/readCondition';

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

/** Conditions about the credential or account: a `y` login refused with them is just refused. */
const CREDENTIAL_CONDITIONS = new Set([
  'not-authorized',
  'credentials-expired',
  'account-disabled',
  'encryption-required',
]);

/** The error for `failure`; `challenged`: the server had sent a challenge in this exchange. */
export function refusalError(
  failure: Element,
  mechanism: string,
  learned: Readonly<Record<string, unknown>> | undefined,
  challenged: boolean,
): SwitchboardError {
  const { condition, text } = readCondition(failure);
  if (learned?.gs2Flag === 'y' && !challenged && !CREDENTIAL_CONDITIONS.has(condition)) {
    return new SwitchboardError(
      'SB_SASL_DOWNGRADE',
      `The server refused ${mechanism} at once (${condition}) after this client said it can bind to the TLS channel while no -PLUS mechanism was offered: the server supports channel binding, so someone on the path may have removed the -PLUS mechanisms. Nothing more was sent.`,
      {
        details: {
          mechanism,
          reason: 'gs2-y-refused',
          condition,
          ...(text === undefined ? {} : { text }),
        },
      },
    );
  }
  return failureError(failure, mechanism, learned);
}
