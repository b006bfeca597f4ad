import type { LivenessOptions, ProfileDescriptor } from '@switchboard/core';
import { duration, markdownTable } from './markdownTable';

/** One column of the matrix: a descriptor and where it comes from. */
export interface MatrixColumn {
  readonly descriptor: ProfileDescriptor;
  /** The export that holds the descriptor, e.g. `jabberProfile`. */
  readonly exportName: string;
  /** The package that exports it, e.g. `@switchboard/profile-jabber`. */
  readonly packageName: string;
  /** The TSDoc of the export: what the profile is and what its provider did not allow. */
  readonly notes?: string;
  /**
   * The TSDoc next to each capability the descriptor declares itself: why it is on or off, with
   * the source that says so. Rendered under "Sources", per profile.
   */
  readonly capabilityNotes?: ReadonlyMap<string, string>;
}

/** Everything the capability matrix is rendered from. */
export interface CapabilityMatrixInput {
  readonly columns: readonly MatrixColumn[];
  /** Row order: core's `capabilityNames`; other keys the descriptors declare follow. */
  readonly capabilityNames: readonly string[];
  /** What each capability covers (the TSDoc of `CapabilitySet`'s members). */
  readonly descriptions: ReadonlyMap<string, string>;
  /** Liveness defaults a descriptor's partial `liveness` is laid over. */
  readonly livenessDefaults: LivenessOptions;
  /** The command that regenerates the file, named in its header. */
  readonly command: string;
}

function value(v: unknown): string {
  if (v === true) return 'yes';
  if (v === false) return '**no**';
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : v.join(', ');
  if (v === undefined) return '—';
  return String(v);
}

function capabilityRows(input: CapabilityMatrixInput): string[][] {
  const names = [...input.capabilityNames];
  for (const { descriptor } of input.columns) {
    for (const name of Object.keys(descriptor.capabilities)) {
      if (!names.includes(name)) names.push(name);
    }
  }
  return names.map((name) => [
    `\`${name}\``,
    input.descriptions.get(name) ?? '',
    ...input.columns.map(({ descriptor }) =>
      value((descriptor.capabilities as unknown as Record<string, unknown>)[name]),
    ),
  ]);
}

function tlsMode(mode: ProfileDescriptor['server']['tls']): string {
  return mode === 'direct' ? 'direct TLS' : 'STARTTLS';
}

function connectionRows(input: CapabilityMatrixInput): string[][] {
  const row = (label: string, render: (d: ProfileDescriptor) => string): string[] => [
    label,
    ...input.columns.map(({ descriptor }) => render(descriptor)),
  ];
  const liveness = (d: ProfileDescriptor): LivenessOptions => ({
    ...input.livenessDefaults,
    ...d.liveness,
  });
  return [
    row('protocol', (d) => d.protocol),
    row('server host', (d) =>
      d.server.host === undefined ? "the account's domain" : d.server.host,
    ),
    row('port', (d) => String(d.server.port)),
    row('TLS', (d) => tlsMode(d.server.tls)),
    row('SASL mechanisms, preferred first', (d) => value(d.mechanisms)),
    row('credential kinds', (d) => value(d.credentialKinds)),
    row('keepalive', (d) => {
      const l = liveness(d);
      return `${l.keepalive} after ${duration(l.keepaliveMs)} without sending`;
    }),
    row('dead-link probe', (d) => {
      const l = liveness(d);
      return `after ${duration(l.probeAfterMs)} silent, answer within ${duration(l.probeTimeoutMs)}`;
    }),
    row('OAuth2 authorization endpoint', (d) => value(d.oauth2?.authorizationEndpoint)),
    row('OAuth2 token endpoint', (d) => value(d.oauth2?.tokenEndpoint)),
    row('OAuth2 scopes', (d) => value(d.oauth2?.scopes)),
    row('OAuth2 redirect URI', (d) => value(d.oauth2?.redirectUri)),
  ];
}

function sourceSections(input: CapabilityMatrixInput): string[] {
  const documented = input.columns.filter(
    ({ capabilityNotes }) => (capabilityNotes?.size ?? 0) > 0,
  );
  if (documented.length === 0) return [];
  return [
    '## Sources',
    '',
    'Why a profile declares a capability the way it does, and where that comes from: the',
    "TSDoc next to each capability in the descriptor's source.",
    '',
    ...documented.flatMap(({ descriptor, capabilityNotes }) => [
      `### ${descriptor.name} (\`${descriptor.id}\`)`,
      '',
      markdownTable(
        ['capability', 'declared', 'why'],
        [...(capabilityNotes ?? [])].map(([name, why]) => [
          `\`${name}\``,
          value((descriptor.capabilities as unknown as Record<string, unknown>)[name]),
          why,
        ]),
      ),
      '',
    ]),
  ];
}

/** Renders `docs/capabilities.md` from the profile descriptors. */
export function renderCapabilityMatrix(input: CapabilityMatrixInput): string {
  const header = input.columns.map(({ descriptor }) => `${descriptor.name} (\`${descriptor.id}\`)`);
  const sources = input.columns.map(
    ({ descriptor, exportName, packageName }) =>
      `- \`${descriptor.id}\`: \`${exportName}\` from \`${packageName}\``,
  );
  return [
    `<!-- Generated from the profile descriptors by \`${input.command}\`; do not edit by hand. -->`,
    '',
    '# Capabilities',
    '',
    "What each profile declares (its `ProfileDescriptor`). An account starts from its profile's",
    "declaration and narrows it by what the server announces, through the plugin's",
    '`capabilityFeatures` (XMPP: disco#info; IRC: the capabilities `CAP` acknowledged); an',
    'operation the provider does not support, or that the protocol plugin has no method for,',
    'fails with `SB_CAPABILITY_UNSUPPORTED` before anything is sent, and a server that refuses one',
    'anyway gives `SB_CAPABILITY_REFUSED` (see [errors.md](errors.md)).',
    'Accounts can override the server, mechanisms and liveness settings.',
    '',
    'Columns:',
    '',
    ...sources,
    '',
    '## Capabilities',
    '',
    markdownTable(['capability', 'what it covers', ...header], capabilityRows(input)),
    '',
    '## Connection and authentication',
    '',
    markdownTable(['', ...header], connectionRows(input)),
    '',
    '## Notes',
    '',
    "From each descriptor's TSDoc.",
    '',
    ...input.columns.map(
      ({ descriptor, notes }) => `- **${descriptor.name}** (\`${descriptor.id}\`): ${notes ?? '—'}`,
    ),
    '',
    ...sourceSections(input),
  ].join('\n');
}
