import { SwitchboardError } from '../errors/SwitchboardError';
import type { SaslMechanismDefinition } from './SaslMechanism';
import type {
  SelectionPolicy,
  SelectionResult,
  SelectionTraceEntry,
  SkipReason,
} from './selection';

/** A mechanism's place: its rank, then 1 for a `-PLUS` mechanism over its twin. */
type Rank = readonly [number, number];

function compareRanks(a: Rank, b: Rank): number {
  if (a[0] !== b[0]) return a[0] > b[0] ? 1 : -1;
  return a[1] - b[1];
}

/** The twin of a channel-binding mechanism: `SCRAM-SHA-256` for `SCRAM-SHA-256-PLUS`. */
function plusTwin(name: string): string | undefined {
  return name.endsWith('-PLUS') && name.length > 5 ? name.slice(0, -5) : undefined;
}

/** Whether a profile or account list allows `name` (a `-PLUS` mechanism by its twin too). */
function allows(list: readonly string[] | undefined, name: string): boolean {
  if (list === undefined || list.includes(name)) return true;
  const twin = plusTwin(name);
  return twin !== undefined && list.includes(twin);
}

/** Options for {@link SaslRegistry.register}. */
export interface RegisterOptions {
  /** Higher wins when no profile or account order applies. Default 0. */
  readonly priority?: number;
  /** Replace an existing mechanism of the same name instead of failing. */
  readonly override?: boolean;
}

/** A registered mechanism with its priority. */
export interface RegistryEntry {
  readonly mechanism: SaslMechanismDefinition;
  readonly priority: number;
  readonly disabled: boolean;
}

/**
 * The SASL mechanism registry: which mechanisms this Switchboard instance can run, with a
 * numeric priority each, and the choice among the ones a server offers. One per container;
 * there is no global registry.
 */
export class SaslRegistry {
  readonly #entries = new Map<string, { mechanism: SaslMechanismDefinition; priority: number }>();
  readonly #disabled = new Set<string>();

  /** Adds a mechanism. A second one with the same name fails unless `override` is set. */
  register(mechanism: SaslMechanismDefinition, options: RegisterOptions = {}): this {
    if (this.#entries.has(mechanism.name) && options.override !== true) {
      throw new SwitchboardError(
        'SB_SASL_DUPLICATE_MECHANISM',
        `SASL mechanism ${mechanism.name} is already registered; pass { override: true } to replace it.`,
        { details: { mechanism: mechanism.name } },
      );
    }
    this.#entries.set(mechanism.name, { mechanism, priority: options.priority ?? 0 });
    return this;
  }

  /** Removes a mechanism; returns whether it was registered. */
  unregister(name: string): boolean {
    this.#disabled.delete(name);
    return this.#entries.delete(name);
  }

  /** Keeps a mechanism registered but never selects it. */
  disable(name: string): this {
    this.#assertKnown(name);
    this.#disabled.add(name);
    return this;
  }

  /** Undoes {@link disable}. */
  enable(name: string): this {
    this.#assertKnown(name);
    this.#disabled.delete(name);
    return this;
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  get(name: string): SaslMechanismDefinition | undefined {
    return this.#entries.get(name)?.mechanism;
  }

  /** All registered mechanisms, highest priority first (ties keep registration order). */
  list(): RegistryEntry[] {
    return [...this.#entries.values()]
      .map((e) => ({ ...e, disabled: this.#disabled.has(e.mechanism.name) }))
      .sort((a, b) => b.priority - a.priority);
  }

  /**
   * Chooses one of the server's offered mechanisms. The account's order, else the profile's
   * order, else the registry's priorities decide among the eligible ones. The trace says for
   * every offered mechanism whether it was selected or why it was skipped.
   *
   * Channel binding: a mechanism that declares `channelBindings` is skipped
   * (`no-channel-binding`) unless `policy.channelBindings` shares a type with it. A `-PLUS`
   * mechanism (e.g. `SCRAM-SHA-256-PLUS`) always ranks just above its twin without `-PLUS`:
   * an account or profile list that names `SCRAM-SHA-256` allows `SCRAM-SHA-256-PLUS` too, at
   * the same place, ahead of it. So when the server offers both and the connection can bind,
   * the bound one is chosen, never the twin. To refuse channel binding, disable the `-PLUS`
   * mechanism in the registry (or give the policy no `channelBindings`).
   */
  select(offered: readonly string[], policy: SelectionPolicy): SelectionResult {
    const eligible: string[] = [];
    const skipped = new Map<string, SkipReason>();
    for (const name of new Set(offered)) {
      const reason = this.#skipReason(name, policy);
      if (reason === undefined) eligible.push(name);
      else skipped.set(name, reason);
    }

    const ranked = eligible.sort((a, b) =>
      compareRanks(this.#rank(b, policy), this.#rank(a, policy)),
    );
    const chosen = ranked[0];
    const trace: SelectionTraceEntry[] = [...new Set(offered)].map((name) => {
      if (name === chosen) return { mechanism: name, outcome: 'selected' };
      return {
        mechanism: name,
        outcome: 'skipped',
        reason: skipped.get(name) ?? 'lower-preference',
      };
    });
    return { mechanism: chosen === undefined ? undefined : this.get(chosen), trace };
  }

  #skipReason(name: string, policy: SelectionPolicy): SkipReason | undefined {
    const entry = this.#entries.get(name);
    if (entry === undefined) return 'not-registered';
    if (this.#disabled.has(name)) return 'disabled';
    if (!allows(policy.profileMechanisms, name) || !allows(policy.accountMechanisms, name)) {
      return 'not-allowed';
    }
    const { mechanism } = entry;
    if (!policy.secure && mechanism.allowInsecure !== true && policy.allowInsecure !== true) {
      return 'insecure-stream';
    }
    const needs = mechanism.credentialKinds;
    if (needs.length > 0 && !needs.some((kind) => policy.credentialKinds.includes(kind))) {
      return 'missing-credential';
    }
    const bindings = mechanism.channelBindings;
    if (
      bindings !== undefined &&
      !bindings.some((type) => policy.channelBindings?.includes(type) === true)
    ) {
      return 'no-channel-binding';
    }
    return undefined;
  }

  /**
   * Larger is better. An explicit order beats priority; earlier in the list ranks higher. A
   * `-PLUS` mechanism ranks at least as high as its twin, and wins the tie.
   */
  #rank(name: string, policy: SelectionPolicy): Rank {
    const own = this.#ownRank(name, policy);
    const twin = plusTwin(name);
    if (twin === undefined) return [own, 0];
    return [Math.max(own, this.#ownRank(twin, policy)), 1];
  }

  #ownRank(name: string, policy: SelectionPolicy): number {
    const order = policy.accountMechanisms ?? policy.profileMechanisms;
    if (order !== undefined) {
      const index = order.indexOf(name);
      return index < 0 ? Number.NEGATIVE_INFINITY : order.length - index;
    }
    return this.#entries.get(name)?.priority ?? Number.NEGATIVE_INFINITY;
  }

  #assertKnown(name: string): void {
    if (!this.#entries.has(name)) {
      throw new SwitchboardError(
        'SB_SASL_UNKNOWN_MECHANISM',
        `SASL mechanism ${name} is not registered.`,
        {
          details: { mechanism: name },
        },
      );
    }
  }
}
