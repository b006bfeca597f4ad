import {
  type CredentialKind,
  type LoginFraming,
  noMechanismError,
  type SaslCredentials,
  type SaslRegistry,
  type ScramKeyCache,
  type SelectionTraceEntry,
  SwitchboardError,
} from '@switchboard/core';
import type { Client } from '@xmpp/client-core';
import type { StreamFeatures } from '@xmpp/stream-features';
import { HardenedClient } from '../connection/HardenedClient';
import { exchange, NS_SASL } from './exchange';
import { loginContext } from './loginContext';
import { SaslAnswers } from './SaslAnswers';
import { selectionPolicy } from './selectionPolicy';

/** Everything the SASL step needs for one login. */
export interface SaslFeatureOptions {
  readonly streamFeatures: StreamFeatures;
  readonly registry: SaslRegistry;
  readonly credentials: SaslCredentials;
  readonly credentialKinds: readonly CredentialKind[];
  readonly profileMechanisms: readonly string[] | undefined;
  readonly accountMechanisms: readonly string[] | undefined;
  readonly allowInsecure: boolean;
  readonly timeoutMs: number;
  /** The XMPP domain (the SCRAM key cache's server). */
  readonly server?: string;
  /** The account's SCRAM key cache, if it keeps one. */
  readonly scramKeys?: ScramKeyCache | undefined;
  /** Why classic SASL (not SASL2) carries this login; default: SASL2 was not offered. */
  readonly framing?: () => LoginFraming['reason'];
  /** Called with the choice, the trace and the framing before the exchange starts. */
  readonly onSelected: (
    mechanism: string,
    trace: readonly SelectionTraceEntry[],
    framing: LoginFraming,
  ) => void;
  /**
   * The connection, when known at setup: SASL elements out of turn are then caught from the
   * stream's first byte. Without it, from the moment the mechanisms are offered.
   */
  readonly entity?: Client;
}

/** Drops the connection: {@link HardenedClient.abort}, which also fails a pending login. */
export function abortConnection(entity: Client, error: SwitchboardError): void {
  if (entity instanceof HardenedClient) {
    entity.abort(error);
    return;
  }
  entity.emit('error', error);
  entity.socket?.destroy?.();
}

/**
 * Replaces xmpp.js's SASL step: reads the offered mechanisms, asks the registry to choose,
 * runs the exchange, and restarts the stream on success. SASL runs at most once per
 * connection: mechanisms offered again (during the exchange, or after `<success/>`, which
 * RFC 6120 §6.4.6 forbids) are SB_SASL_PROTOCOL, so a server cannot make the client send its
 * credential twice or run two exchanges at once. From the moment the mechanisms are offered,
 * a SASL element that answers nothing the client sent (`<success/>` before `<auth/>`, anything
 * after `<success/>`) drops the connection with SB_SASL_PROTOCOL (`reason: 'unsolicited'`),
 * before anything more is sent.
 */
export function saslFeature(options: SaslFeatureOptions): void {
  let started = false;
  const watch = (entity: Client): SaslAnswers =>
    new SaslAnswers(entity, options.timeoutMs, (error) => abortConnection(entity, error));
  let answers = options.entity === undefined ? undefined : watch(options.entity);
  options.streamFeatures.use('mechanisms', NS_SASL, async ({ entity, stanza }, _next, feature) => {
    if (started) {
      throw new SwitchboardError(
        'SB_SASL_PROTOCOL',
        'The server offered SASL again after authentication had started; nothing more was sent.',
        { details: { reason: 'mechanisms-offered-again' } },
      );
    }
    started = true;
    // First, before anything is awaited: the server's next element may already be parsed.
    answers ??= watch(entity);
    const offered = feature.getChildren('mechanism', NS_SASL).map((m) => m.text().trim());
    const context = loginContext(entity, {
      server: options.server,
      features: stanza,
      offered,
      scramKeys: options.scramKeys,
    });
    const policy = selectionPolicy(options, entity.isSecure(), context.channelBindings);
    const { mechanism, trace } = options.registry.select(offered, policy);
    if (mechanism === undefined) throw noMechanismError(options.registry, offered, trace, policy);
    options.onSelected(mechanism.name, trace, {
      framing: 'sasl',
      fast: false,
      tokenRequested: false,
      reason: options.framing?.() ?? 'sasl2-not-offered',
    });
    await exchange(entity, mechanism, options.credentials, answers, context);
    await entity.restart();
  });
}
