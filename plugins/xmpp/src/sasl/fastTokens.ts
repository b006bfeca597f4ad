/**
 * FAST (XEP-0484) on the client: which HT mechanism to ask a token for, and the tokens a
 * SASL2 `<success/>` carries.
 */
import type { ChannelBindingType, FastToken, SaslRegistry } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import { NS_FAST } from './sasl2Names';

/** HT mechanisms by the channel binding they need, best first; `NONE` binds to nothing. */
const HT_BY_BINDING: readonly (readonly [string, ChannelBindingType | undefined])[] = [
  ['HT-SHA-256-EXPR', 'tls-exporter'],
  ['HT-SHA-256-ENDP', 'tls-server-end-point'],
  ['HT-SHA-256-UNIQ', 'tls-unique'],
  ['HT-SHA-256-NONE', undefined],
];

/** The HT mechanisms a SASL2 `<inline/>` offers in its `<fast/>`, or undefined without FAST. */
export function fastOffer(inline: Element | undefined): string[] | undefined {
  const fast = inline?.getChild('fast', NS_FAST);
  return fast?.getChildren('mechanism').map((m) => m.text().trim());
}

/**
 * The mechanism to ask a token for: the best one offered, registered and enabled here, whose
 * channel binding this connection has (EXPR with tls-exporter, else ENDP, UNIQ, NONE).
 */
export function tokenMechanism(
  offered: readonly string[],
  bindings: readonly ChannelBindingType[],
  registry: SaslRegistry,
): string | undefined {
  const usable = new Set(
    registry
      .list()
      .filter((e) => !e.disabled)
      .map((e) => e.mechanism.name),
  );
  const found = HT_BY_BINDING.find(
    ([name, binding]) =>
      offered.includes(name) &&
      usable.has(name) &&
      (binding === undefined || bindings.includes(binding)),
  );
  return found?.[0];
}

/**
 * The token in a `<success/>` (a new one asked for, or a rotation), for `mechanism`; undefined
 * when there is none or it is empty. `expiry` is an XEP-0082 date-time.
 */
export function issuedToken(success: Element, mechanism: string): FastToken | undefined {
  const element = success.getChild('token', NS_FAST);
  const token = element?.attrs.token;
  if (element === undefined || token === undefined || token === '') return undefined;
  const expiresAt = Date.parse(element.attrs.expiry ?? '');
  return Number.isFinite(expiresAt) ? { mechanism, token, expiresAt } : { mechanism, token };
}
