/**
 * The {@link SaslLoginContext} of one XMPP login: the connection's channel binding (XEP-0440
 * narrows it to what the server accepts), the offered mechanisms and the account's SCRAM keys.
 */
import type { ChannelBindingType, SaslLoginContext, ScramKeyCache } from '@switchboard/core';
import type { Client } from '@xmpp/client-core';
import type { Element } from '@xmpp/xml';
import { TlsSocket } from '../connection/TlsSocket';

/** XEP-0440: SASL Channel-Binding Type Capability. */
export const NS_SASL_CB = 'urn:xmpp:sasl-cb:0';

/** The channel binding types a `<stream:features/>` advertises, or undefined when it says none. */
export function serverChannelBindings(features: Element | undefined): string[] | undefined {
  const list = features?.getChild('sasl-channel-binding', NS_SASL_CB);
  if (list === undefined) return undefined;
  return list
    .getChildren('channel-binding')
    .map((c) => c.attrs.type ?? '')
    .filter((t) => t !== '');
}

/** What goes into a login context besides what the connection knows. */
export interface LoginContextFacts {
  readonly server: string | undefined;
  /** The stream features that offered the mechanisms (for XEP-0440). */
  readonly features: Element | undefined;
  readonly offered: readonly string[];
  readonly scramKeys: ScramKeyCache | undefined;
}

/**
 * The context for a login on `entity`. `channelBindings` is what the TLS socket can produce,
 * narrowed to the server's XEP-0440 list when it sent one, best first; empty without TLS.
 */
export function loginContext(entity: Client, facts: LoginContextFacts): SaslLoginContext {
  const socket = entity.socket;
  const tls = socket instanceof TlsSocket ? socket : undefined;
  const accepted = serverChannelBindings(facts.features);
  const bindings = (tls?.channelBindings() ?? []).filter(
    (type) => accepted === undefined || accepted.includes(type),
  );
  return {
    ...(facts.server === undefined ? {} : { server: facts.server }),
    channelBindings: bindings,
    channelBindingData: (type: ChannelBindingType) =>
      bindings.includes(type) ? tls?.channelBinding(type) : undefined,
    offered: facts.offered,
    ...(accepted === undefined ? {} : { serverChannelBindings: accepted }),
    ...(facts.scramKeys === undefined ? {} : { scramKeys: facts.scramKeys }),
  };
}
