import { SwitchboardError } from '../errors/SwitchboardError';
import type { SaslMechanismDefinition } from './SaslMechanism';
import type {
  SelectionPolicy,
  SelectionResult,
  SelectionTraceEntry,
  SkipReason,
} from './selection';

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
   */
  select(offered: readonly string[], policy: SelectionPolicy): SelectionResult {
    const eligible: string[] = [];
    const skipped = new Map<string, SkipReason>();
    for (const name of new Set(offered)) {
      const reason = this.#skipReason(name, policy);
      if (reason === undefined) eligible.push(name);
      else skipped.set(name, reason);
    }

    const ranked = eligible.sort((a, b) => this.#rank(b, policy) - this.#rank(a, policy));
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
    if (policy.profileMechanisms !== undefined && !policy.profileMechanisms.includes(name)) {
      return 'not-allowed';
    }
    if (policy.accountMechanisms !== undefined && !policy.accountMechanisms.includes(name)) {
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
    return undefined;
  }

  /** Larger is better. An explicit order beats priority; earlier in the list ranks higher. */
  #rank(name: string, policy: SelectionPolicy): number {
    const order = policy.accountMechanisms ?? policy.profileMechanisms;
    if (order !== undefined) return order.length - order.indexOf(name);
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
