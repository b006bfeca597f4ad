/**
 * Resource binding (RFC 6120 §7), on our IQ client so a fast or failed reply is never lost.
 */
import { SwitchboardError } from '@switchboard/core';
import type { StreamFeatures } from '@xmpp/stream-features';
import xml from '@xmpp/xml';
import type { IqClient } from './IqClient';

const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';

/** Binds `resource` (or a server-assigned one) when the server offers bind, then goes online. */
export function bindResource(
  streamFeatures: StreamFeatures,
  iq: IqClient,
  resource: string | undefined,
  timeoutMs: number,
): void {
  streamFeatures.use('bind', NS_BIND, async ({ entity }, next) => {
    const request = xml(
      'bind',
      { xmlns: NS_BIND },
      resource === undefined ? null : xml('resource', {}, resource),
    );
    const result = await iq.request('set', request, undefined, timeoutMs);
    const jid = result?.getChildText('jid');
    if (jid === null || jid === undefined || jid === '') {
      throw new SwitchboardError(
        'SB_BAD_RESPONSE',
        'The server answered resource binding without a JID.',
      );
    }
    entity._jid(jid);
    entity._ready(false);
    return next();
  });
}
