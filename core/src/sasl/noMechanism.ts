import { SwitchboardError } from '../errors/SwitchboardError';
import type { SaslRegistry } from './SaslRegistry';
import { formatTrace, type SelectionPolicy, type SelectionTraceEntry } from './selection';

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/**
 * SB_SASL_NO_MECHANISM for a server whose offer has nothing the account can use, saying what
 * would have worked: which mechanisms the account's credential kinds need (among those
 * registered, enabled and allowed for the account), that the server offered none of them, or
 * which offered ones needed TLS, channel binding or another kind of credential. `details` carries `offered`,
 * `trace`, `credentialKinds`, `usable` (the mechanisms the account could have used) and `needs`
 * (for each offered mechanism skipped for want of a credential, the kinds it takes).
 */
export function noMechanismError(
  registry: SaslRegistry,
  offered: readonly string[],
  trace: readonly SelectionTraceEntry[],
  policy: SelectionPolicy,
): SwitchboardError {
  const kinds = policy.credentialKinds;
  const usable = registry
    .select(
      registry.list().map(({ mechanism }) => mechanism.name),
      { ...policy, secure: true, allowInsecure: true },
    )
    .trace.filter((entry) => entry.outcome === 'selected' || entry.reason === 'lower-preference')
    .map((entry) => entry.mechanism);
  // For each offered mechanism the credential did not fit: the kinds it takes.
  const needs: Record<string, readonly string[]> = {};
  for (const entry of trace) {
    if (entry.outcome === 'skipped' && entry.reason === 'missing-credential') {
      needs[entry.mechanism] = registry.get(entry.mechanism)?.credentialKinds ?? [];
    }
  }
  const needTls = trace
    .filter((entry) => entry.outcome === 'skipped' && entry.reason === 'insecure-stream')
    .map((entry) => entry.mechanism);
  const needBinding = trace
    .filter((entry) => entry.outcome === 'skipped' && entry.reason === 'no-channel-binding')
    .map((entry) => entry.mechanism);
  const [only] = kinds;
  const article = /^[aeiou]/i.test(only ?? '') ? 'an' : 'a';
  const credential = `${kinds.length === 1 ? `${article} ${only}` : `the ${kinds.join(', ')}`} credential`;
  const reasons: string[] = [];
  if (offered.length === 0) reasons.push('the server offered no mechanism');
  else if (usable.length === 0) {
    reasons.push(`no registered mechanism allowed for this account uses ${credential}`);
  } else if (!usable.some((name) => offered.includes(name))) {
    reasons.push(
      `${credential} needs ${list(usable)}, and the server offered only ${offered.join(', ')}`,
    );
  }
  for (const [name, takes] of Object.entries(needs)) {
    reasons.push(`${name} takes a credential of kind ${list(takes)}`);
  }
  if (needTls.length > 0) reasons.push(`${list(needTls)} need TLS, and the stream is not secure`);
  if (needBinding.length > 0) {
    reasons.push(
      `${list(needBinding)} need channel binding, and this connection has no binding type the server accepts`,
    );
  }
  const why = offered.length === 0 ? reasons : [...reasons, `(${formatTrace(trace)})`];
  return new SwitchboardError(
    'SB_SASL_NO_MECHANISM',
    `No usable SASL mechanism: ${why.join('; ')}.`,
    { details: { offered: [...offered], trace, credentialKinds: [...kinds], usable, needs } },
  );
}
