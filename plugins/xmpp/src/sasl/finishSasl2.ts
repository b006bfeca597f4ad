/**
 * Applies a verified SASL2 `<success/>` (XEP-0388 §2.6): the full JID from
 * `<authorization-identifier/>`, the inline stream management answers, Bind2's `<bound/>` (or
 * `<failed/>`) with carbons, and a FAST token (XEP-0484), then lets what followed the success
 * through and declares the connection online.
 */
import { type LoginMemory, SwitchboardError } from '@switchboard/core';
import type { Client } from '@xmpp/client-core';
import type { Element } from '@xmpp/xml';
import { readCondition } from '../connection/readCondition';
import { issuedToken } from './fastTokens';
import type { Sasl2Gate } from './Sasl2Gate';
import { carbonsEnabled } from './sasl2Extras';
import { NS_BIND2 } from './sasl2Names';

/** Where the parts of a success go. */
export interface Sasl2Finish {
  readonly gate: Sasl2Gate;
  readonly sm: { inline(success: Element): void; readonly resumed: boolean };
  readonly onCarbons: () => void;
  readonly memory: LoginMemory | undefined;
  /** The HT mechanism of a token this success may carry (asked for, or the one used). */
  readonly tokenMechanism: string | undefined;
}

/** Throws a coded error (and drops what the success held) when the success is unusable. */
export async function finishSasl2(
  entity: Client,
  success: Element,
  finish: Sasl2Finish,
): Promise<void> {
  try {
    const address = success.getChildText('authorization-identifier') ?? '';
    finish.sm.inline(success);
    const failed = success.getChild('failed', NS_BIND2);
    if (failed !== undefined) {
      const { condition, text } = readCondition(failed.getChild('error') ?? failed);
      throw new SwitchboardError(
        'SB_BAD_RESPONSE',
        `The server authenticated the account but could not bind a resource: ${condition}${text ? ` (${text})` : ''}.`,
        { details: { condition, ...(text === undefined ? {} : { text }), step: 'bind2' } },
      );
    }
    const bound = finish.sm.resumed || success.getChild('bound', NS_BIND2) !== undefined;
    if (bound && !address.includes('/')) {
      throw new SwitchboardError(
        'SB_BAD_RESPONSE',
        'The server bound a resource but did not name the full JID in <authorization-identifier/>.',
        { details: { step: 'bind2' } },
      );
    }
    if (carbonsEnabled(success)) finish.onCarbons();
    const token =
      finish.tokenMechanism === undefined ? undefined : issuedToken(success, finish.tokenMechanism);
    if (token !== undefined && finish.memory !== undefined) {
      // A store that cannot keep it costs the next login a password exchange, nothing more.
      await finish.memory.saveFastToken(token).catch(() => undefined);
    }
    if (address !== '') entity._jid(address);
    finish.gate.release(true, bound);
    // Without Bind2, the features that follow bind the resource (and announce 'online').
    if (bound) entity._ready(false);
  } catch (error) {
    finish.gate.release(false);
    throw error;
  }
}
