import type { CredentialKind } from '../credentials/Credential';
import type { ChannelBindingType } from './SaslLoginContext';
import type { SaslMechanismDefinition } from './SaslMechanism';

/** Why an offered mechanism was not taken. */
export type SkipReason =
  | 'not-registered'
  | 'disabled'
  | 'not-allowed'
  | 'insecure-stream'
  | 'missing-credential'
  | 'no-channel-binding'
  | 'lower-preference';

/** What happened to one offered mechanism during selection. */
export type SelectionTraceEntry =
  | { readonly mechanism: string; readonly outcome: 'selected' }
  | { readonly mechanism: string; readonly outcome: 'skipped'; readonly reason: SkipReason };

/** The facts a selection is made from. */
export interface SelectionPolicy {
  /** Is the stream encrypted (TLS)? */
  readonly secure: boolean;
  /** May mechanisms run without TLS? Only for explicit loopback development. */
  readonly allowInsecure?: boolean;
  /** Credential kinds the account holds. */
  readonly credentialKinds: readonly CredentialKind[];
  /**
   * Channel binding types the connection can produce and the server accepts. Mechanisms that
   * declare `channelBindings` are skipped (`no-channel-binding`) unless one is in here.
   * Default: none.
   */
  readonly channelBindings?: readonly ChannelBindingType[];
  /**
   * Mechanisms the profile allows, in its preferred order. When absent, every registered
   * mechanism is allowed and the registry's priorities decide.
   */
  readonly profileMechanisms?: readonly string[];
  /**
   * Mechanisms the account allows, in its preferred order (narrows the profile's list and
   * takes precedence for ordering).
   */
  readonly accountMechanisms?: readonly string[];
}

/** The result of {@link SaslRegistry.select}. */
export interface SelectionResult {
  /** The chosen mechanism, or `undefined` when none fits. */
  readonly mechanism: SaslMechanismDefinition | undefined;
  /** One entry per offered mechanism, in the server's order. */
  readonly trace: readonly SelectionTraceEntry[];
}

/** Renders a trace as one line, e.g. `SCRAM-SHA-1: selected; PLAIN: skipped (insecure-stream)`. */
export function formatTrace(trace: readonly SelectionTraceEntry[]): string {
  if (trace.length === 0) return 'the server offered no mechanism';
  return trace
    .map((e) =>
      e.outcome === 'selected'
        ? `${e.mechanism}: selected`
        : `${e.mechanism}: skipped (${e.reason})`,
    )
    .join('; ');
}
