/**
 * What rides along in a SASL2 `<authenticate/>`: the user agent (XEP-0388 §2.2), Bind2
 * (XEP-0386) with inline stream management and carbons, an inline resumption (XEP-0198 via
 * `mod_sasl2_sm`), and FAST (XEP-0484) token use or request.
 */
import xml, { type Element } from '@xmpp/xml';
import { NS_BIND2, NS_FAST } from './sasl2Names';

const NS_SM = 'urn:xmpp:sm:3';
const NS_CARBONS = 'urn:xmpp:carbons:2';

/** How this client introduces itself: `id` stable per account and installation. */
export interface UserAgent {
  readonly id: string;
  readonly software: string;
  readonly device?: string | undefined;
}

/** `<user-agent/>`: the server recognises the device by `id` (FAST tokens are bound to it). */
export function userAgentElement({ id, software, device }: UserAgent): Element {
  return xml(
    'user-agent',
    { id },
    xml('software', {}, software),
    device === undefined ? null : xml('device', {}, device),
  );
}

/** What the server offers inline (`<authentication><inline/>`). */
export interface InlineOffer {
  /** Bind2 offered. */
  readonly bind: boolean;
  /** Bind2's inline features (`<feature var/>`). */
  readonly bindFeatures: readonly string[];
  /** Inline stream management resumption (`<sm/>`). */
  readonly resume: boolean;
}

/** Reads `<inline/>` of `<authentication/>`. */
export function inlineOffer(inline: Element | undefined): InlineOffer {
  const bind = inline?.getChild('bind', NS_BIND2);
  const features =
    bind
      ?.getChild('inline')
      ?.getChildren('feature')
      .map((f) => f.attrs.var ?? '') ?? [];
  return {
    bind: bind !== undefined,
    bindFeatures: features,
    resume: inline?.getChild('sm', NS_SM) !== undefined,
  };
}

/**
 * `<bind/>` with `tag` (the server names the resource after it), and inside it what the server
 * can enable with the binding: stream management (`enable`) and carbons (`carbons`).
 */
export function bindElement(
  tag: string,
  offer: InlineOffer,
  inner: { readonly enable: () => Element; readonly carbons: boolean },
): Element {
  const children: Element[] = [xml('tag', {}, tag)];
  if (offer.bindFeatures.includes(NS_SM)) children.push(inner.enable());
  if (inner.carbons && offer.bindFeatures.includes(NS_CARBONS)) {
    children.push(xml('enable', { xmlns: NS_CARBONS }));
  }
  return xml('bind', { xmlns: NS_BIND2 }, ...children);
}

/** `<fast/>`: this `<authenticate/>` uses a token (XEP-0484 §3.3). */
export function fastElement(): Element {
  return xml('fast', { xmlns: NS_FAST });
}

/** `<request-token/>`: asks for a token for `mechanism` on success. */
export function requestTokenElement(mechanism: string): Element {
  return xml('request-token', { xmlns: NS_FAST, mechanism });
}

/** True when Bind2's `<bound/>` reports carbons enabled. */
export function carbonsEnabled(success: Element): boolean {
  return success.getChild('bound', NS_BIND2)?.getChild('enabled', NS_CARBONS) !== undefined;
}
