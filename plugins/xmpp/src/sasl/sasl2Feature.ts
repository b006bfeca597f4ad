/**
 * SASL2 (XEP-0388) login with Bind2 (XEP-0386), inline stream management (XEP-0198 resume or
 * enable) and carbons, and FAST (XEP-0484) token logins, in one round trip where the mechanism
 * allows. Used instead of classic SASL whenever the server offers it, unless the account's
 * `parameters.sasl2` is `'off'`.
 */
import {
  type LoginFraming,
  type LoginMemory,
  noMechanismError,
  type SaslCredentials,
  type SaslLoginContext,
  type SaslRegistry,
  type SelectionTraceEntry,
  SwitchboardError,
} from '@switchboard/core';
import type { Client } from '@xmpp/client-core';
import type { StreamFeatures } from '@xmpp/stream-features';
import type { Element } from '@xmpp/xml';
import { fastOffer, tokenMechanism } from './fastTokens';
import { finishSasl2 } from './finishSasl2';
import { loginContext } from './loginContext';
import type { Sasl2Gate } from './Sasl2Gate';
import { SaslAnswers } from './SaslAnswers';
import { type Sasl2Attempt, sasl2Exchange } from './sasl2Exchange';
import {
  bindElement,
  fastElement,
  type InlineOffer,
  inlineOffer,
  requestTokenElement,
  type UserAgent,
  userAgentElement,
} from './sasl2Extras';
import { NS_SASL2 } from './sasl2Names';
import { abortConnection } from './saslFeature';
import { type SelectionSettings, selectionPolicy } from './selectionPolicy';

/** The account's switches and memory for SASL2 and FAST. */
export interface XmppLoginOptions {
  /** `parameters.sasl2 !== 'off'`. */
  readonly sasl2: boolean;
  /** `parameters.fast !== 'off'` (FAST also needs {@link memory}). */
  readonly fast: boolean;
  readonly memory: LoginMemory | undefined;
  /** The `<user-agent/>` this account sends (its id stable per account). */
  readonly userAgent: () => Promise<UserAgent>;
}

/** Everything the SASL2 step needs for one login. */
export interface Sasl2FeatureOptions extends SelectionSettings {
  readonly entity: Client;
  readonly streamFeatures: StreamFeatures;
  readonly gate: Sasl2Gate;
  readonly registry: SaslRegistry;
  readonly credentials: SaslCredentials;
  readonly timeoutMs: number;
  readonly server: string;
  readonly login: XmppLoginOptions;
  /** The Bind2 tag (the server derives the resource from it). */
  readonly tag: string;
  /** Stream management's inline requests and the place their answers go. */
  readonly sm: {
    inlineResume(): Element | undefined;
    inlineEnable(): Element;
    inline(success: Element): void;
    readonly resumed: boolean;
  };
  /** Ask for carbons in Bind2 where offered; `onCarbons` when the server enabled them. */
  readonly carbons: boolean;
  readonly onCarbons: () => void;
  /** SASL2 was offered but not used (`parameters.sasl2` is off): classic SASL says why. */
  readonly onDeclined: (reason: LoginFraming['reason']) => void;
  readonly onSelected: (
    mechanism: string,
    trace: readonly SelectionTraceEntry[],
    framing: LoginFraming,
  ) => void;
}

interface Offer {
  readonly offered: readonly string[];
  readonly inline: InlineOffer;
  readonly fast: readonly string[] | undefined;
  readonly context: SaslLoginContext;
}

/** Installs the SASL2 step; it must come before classic SASL's. */
export function sasl2Feature(options: Sasl2FeatureOptions): void {
  const { entity, timeoutMs, login } = options;
  const answers = new SaslAnswers(
    entity,
    timeoutMs,
    (error) => abortConnection(entity, error),
    NS_SASL2,
  );
  let started = false;
  options.streamFeatures.use('authentication', NS_SASL2, async (ctx, next, feature) => {
    if (!login.sasl2) {
      options.onDeclined('sasl2-off');
      return next();
    }
    if (started) {
      throw new SwitchboardError(
        'SB_SASL_PROTOCOL',
        'The server offered SASL2 again after authentication had started; nothing more was sent.',
        { details: { reason: 'mechanisms-offered-again' } },
      );
    }
    started = true;
    const offered = feature.getChildren('mechanism').map((m) => m.text().trim());
    const inline = feature.getChild('inline');
    const context = loginContext(ctx.entity, {
      server: options.server,
      features: ctx.stanza,
      offered,
      scramKeys: login.memory?.scramKeys,
    });
    const offer: Offer = { offered, inline: inlineOffer(inline), fast: fastOffer(inline), context };
    const userAgent = await login.userAgent();
    // A fresh element for each <authenticate/> (a FAST refusal is followed by a second one).
    const agent = (): Element => userAgentElement(userAgent);
    const success = await authenticate(options, offer, agent, answers);
    await finishSasl2(ctx.entity, success.element, {
      gate: options.gate,
      sm: options.sm,
      onCarbons: options.onCarbons,
      memory: login.memory,
      tokenMechanism: success.tokenMechanism,
    });
    return undefined;
  });
}

/** FAST first when a usable token is kept; else (or when refused) the credential. */
async function authenticate(
  options: Sasl2FeatureOptions,
  offer: Offer,
  agent: () => Element,
  answers: SaslAnswers,
): Promise<{ element: Element; tokenMechanism: string | undefined }> {
  const { entity, login, registry } = options;
  const memory = login.fast && offer.fast !== undefined ? login.memory : undefined;
  let reason: LoginFraming['reason'] = 'sasl2-offered';
  const token = await memory?.fastToken();
  if (memory !== undefined && token !== undefined && offer.fast?.includes(token.mechanism)) {
    const definition = registry.get(token.mechanism);
    const policy = selectionPolicy(
      {
        ...options,
        credentialKinds: definition?.credentialKinds ?? [],
        accountMechanisms: undefined,
        profileMechanisms: undefined,
      },
      entity.isSecure(),
      offer.context.channelBindings,
    );
    const { mechanism, trace } = registry.select([token.mechanism], policy);
    if (mechanism !== undefined) {
      options.onSelected(mechanism.name, trace, framing(true, false, 'fast-token'));
      const credentials = { ...options.credentials, fastToken: token.token };
      const extras = [agent(), ...inlineRequests(options, offer), fastElement()];
      try {
        const element = await run(
          options,
          { definition: mechanism, context: fastContext(offer), credentials, extras },
          answers,
        );
        return { element, tokenMechanism: mechanism.name };
      } catch (error) {
        if (!SwitchboardError.is(error, 'SB_SASL_FAILURE')) throw error;
        // Refused (expired, revoked, unknown): forget it, and log in with the credential on
        // the same stream (the server keeps it open for another <authenticate/>).
        await memory.forgetFastToken();
        reason = 'fast-token-refused';
      }
    }
  }
  const policy = selectionPolicy(options, entity.isSecure(), offer.context.channelBindings);
  const { mechanism, trace } = registry.select(offer.offered, policy);
  if (mechanism === undefined) throw noMechanismError(registry, offer.offered, trace, policy);
  const requested =
    memory === undefined
      ? undefined
      : tokenMechanism(offer.fast ?? [], offer.context.channelBindings, registry);
  options.onSelected(mechanism.name, trace, framing(false, requested !== undefined, reason));
  const extras = [
    agent(),
    ...inlineRequests(options, offer),
    ...(requested === undefined ? [] : [requestTokenElement(requested)]),
  ];
  const attempt: Sasl2Attempt = {
    definition: mechanism,
    context: offer.context,
    credentials: options.credentials,
    extras,
  };
  try {
    return { element: await run(options, attempt, answers), tokenMechanism: requested };
  } catch (error) {
    throw reason === 'fast-token-refused' ? afterRefusal(error) : error;
  }
}

/**
 * A downgrade alarm (XEP-0474) from the password login that followed a refused FAST token on the
 * same stream: Prosody runs that login on another SASL handler than the one whose channel
 * bindings it advertised (only `mod_sasl2`'s tls-exporter/tls-unique, not tls-server-end-point),
 * so its SSDP hash differs. Marked `afterFastRefusal`: the plugin tries once more on a fresh
 * connection (the token is forgotten by then), where the check runs as always.
 */
function afterRefusal(error: unknown): unknown {
  if (!SwitchboardError.is(error, 'SB_SASL_DOWNGRADE')) return error;
  return new SwitchboardError('SB_SASL_DOWNGRADE', error.message, {
    cause: error,
    details: { ...error.details, afterFastRefusal: true },
  });
}

/** True for an error {@link afterRefusal} marked: worth one login on a fresh connection. */
export function downgradeAfterFastRefusal(error: unknown): boolean {
  return (
    SwitchboardError.is(error, 'SB_SASL_DOWNGRADE') && error.details?.afterFastRefusal === true
  );
}

function framing(
  fast: boolean,
  tokenRequested: boolean,
  reason: LoginFraming['reason'],
): LoginFraming {
  return { framing: 'sasl2', fast, tokenRequested, reason };
}

/** The context of a token login: the offered mechanisms are FAST's. */
function fastContext(offer: Offer): SaslLoginContext {
  return { ...offer.context, offered: offer.fast ?? [] };
}

/** Inline resumption (when there is a stream to resume) and Bind2 (the fallback, or the way). */
function inlineRequests(options: Sasl2FeatureOptions, offer: Offer): Element[] {
  const requests: Element[] = [];
  const resume = offer.inline.resume ? options.sm.inlineResume() : undefined;
  if (resume !== undefined) requests.push(resume);
  if (offer.inline.bind) {
    requests.push(
      bindElement(options.tag, offer.inline, {
        enable: () => options.sm.inlineEnable(),
        carbons: options.carbons,
      }),
    );
  }
  return requests;
}

async function run(
  options: Sasl2FeatureOptions,
  attempt: Sasl2Attempt,
  answers: SaslAnswers,
): Promise<Element> {
  options.gate.authenticating();
  return sasl2Exchange(options.entity, attempt, answers);
}
