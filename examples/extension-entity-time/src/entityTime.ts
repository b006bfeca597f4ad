/**
 * XEP-0202 (Entity Time) as a Switchboard extension: answers `<time xmlns='urn:xmpp:time'/>`
 * requests with the account's clock and announces `urn:xmpp:time` in service discovery, and
 * asks other entities (contacts' clients, servers) for theirs.
 */
import { SwitchboardError } from '@switchboard/core';
import {
  defineXmppExtension,
  type XmppExtension,
  type XmppExtensionContext,
  xml,
} from '@switchboard/xmpp';
import { type EntityTime, NS_TIME, parseTime, timeElement } from './timeElement';

/** Where the answers' time comes from; the host's clock and time zone by default. */
export interface EntityTimeOptions {
  /** The current instant. */
  readonly now?: () => Date;
  /** The offset from UTC at `at`, in minutes east (e.g. 120 for +02:00). */
  readonly offsetMinutes?: (at: Date) => number;
}

/** The extension, with what asks others for their time. Use one instance per account. */
export interface EntityTimeExtension extends XmppExtension {
  /**
   * Asks `address` (a full JID, or a server's domain) for its time. Rejects with
   * SB_ACCOUNT_STATE when the extension's account is not online, SB_STANZA_ERROR when the
   * entity refuses (`service-unavailable`: it does not implement XEP-0202), SB_TIMEOUT, or
   * SB_BAD_RESPONSE for a reply that is not XEP-0202.
   */
  query(address: string): Promise<EntityTime>;
}

/** XEP-0202 Entity Time for one account: `account.use(entityTime())`. */
export function entityTime(options: EntityTimeOptions = {}): EntityTimeExtension {
  const now = options.now ?? (() => new Date());
  const offsetMinutes = options.offsetMinutes ?? ((at: Date) => -at.getTimezoneOffset());
  let current: XmppExtensionContext | undefined;
  const extension = defineXmppExtension({
    name: 'xep-0202-entity-time',
    features: [NS_TIME],
    attach(context) {
      current = context;
      context.answerIq('get', NS_TIME, 'time', () => {
        const at = now();
        return timeElement(at, offsetMinutes(at));
      });
      return () => {
        if (current === context) current = undefined;
      };
    },
  });
  return {
    ...extension,
    query(address) {
      if (current === undefined) {
        return Promise.reject(
          new SwitchboardError(
            'SB_ACCOUNT_STATE',
            'Entity time needs an online account; use() it and connect.',
          ),
        );
      }
      return current.request('get', xml('time', { xmlns: NS_TIME }), {
        to: address,
        parse: parseTime,
      });
    },
  };
}
