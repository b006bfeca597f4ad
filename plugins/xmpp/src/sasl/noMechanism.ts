import {
  type CredentialKind,
  formatTrace,
  type SaslRegistry,
  type SelectionPolicy,
  type SelectionTraceEntry,
  SwitchboardError,
} from '@switchboard/core';

function either(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/**
 * SB_SASL_NO_MECHANISM, saying which mechanisms the account's credential would need (that the
 * server did not offer) and which credential the offered ones would need. `details`: `offered`,
 * `trace`, `credentialKinds` (the account's), `wanted` (mechanisms allowed here that take the
 * account's credential) and `needs` (for each offered mechanism skipped for want of a
 * credential, the kinds it takes).
 */
export function noMechanism(
  registry: SaslRegistry,
  offered: readonly string[],
  policy: SelectionPolicy,
  trace: readonly SelectionTraceEntry[],
): SwitchboardError {
  const kinds = policy.credentialKinds;
  const allowed =
    policy.accountMechanisms ??
    policy.profileMechanisms ??
    registry.list().map((entry) => entry.mechanism.name);
  const fits = (name: string): boolean =>
    registry.get(name)?.credentialKinds.some((kind) => kinds.includes(kind)) === true;
  const wanted = allowed.filter((name) => fits(name) && !offered.includes(name));
  const needs: Record<string, readonly CredentialKind[]> = {};
  for (const entry of trace) {
    if (entry.outcome === 'skipped' && entry.reason === 'missing-credential') {
      needs[entry.mechanism] = registry.get(entry.mechanism)?.credentialKinds ?? [];
    }
  }
  const credential = `credential (kind ${either(kinds)})`;
  const sentences = [
    wanted.length === 0
      ? `No mechanism allowed here takes the account's ${credential}.`
      : `The account's ${credential} needs ${either(wanted)}, which the server does not offer.`,
    ...Object.entries(needs).map(
      ([name, takes]) => `${name} takes a credential of kind ${either(takes)}.`,
    ),
  ];
  return new SwitchboardError(
    'SB_SASL_NO_MECHANISM',
    `No usable SASL mechanism: ${formatTrace(trace)}. ${sentences.join(' ')}`,
    { details: { offered, trace, credentialKinds: kinds, wanted, needs } },
  );
}
