import { type CapabilitySet, capabilityNames, type ProfileDescriptor } from '@switchboard/core';
import { formatTable } from '../support/formatTable';

function serverOf(profile: ProfileDescriptor): string {
  const { host, port, tls } = profile.server;
  return `${host ?? '(the address domain)'}:${port} ${tls}`;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/**
 * The profiles as two tables: one row per profile (id, name, credential kinds, SASL mechanisms
 * in order of preference, default server), then a capability matrix.
 */
export function profileTables(profiles: readonly ProfileDescriptor[]): string[] {
  const summary = formatTable(
    ['PROFILE', 'NAME', 'CREDENTIALS', 'MECHANISMS', 'SERVER'],
    profiles.map((p) => [
      p.id,
      p.name,
      p.credentialKinds.join(', '),
      p.mechanisms.join(', '),
      serverOf(p),
    ]),
  );
  const capabilities = formatTable(
    ['CAPABILITY', ...profiles.map((p) => p.id)],
    [
      ...capabilityNames.map((name) => [
        name,
        ...profiles.map((p) => yesNo((p.capabilities as CapabilitySet)[name])),
      ]),
      ['messageTypes', ...profiles.map((p) => p.capabilities.messageTypes.join(','))],
    ],
  );
  return [...summary, '', ...capabilities];
}

/** The profiles as JSON-ready data: what the descriptors declare, OAuth2 endpoints included. */
export function profilesJson(profiles: readonly ProfileDescriptor[]): unknown[] {
  return profiles.map((p) => ({
    id: p.id,
    name: p.name,
    protocol: p.protocol,
    server: p.server,
    mechanisms: p.mechanisms,
    credentialKinds: p.credentialKinds,
    capabilities: p.capabilities,
    ...(p.oauth2 === undefined ? {} : { oauth2: p.oauth2 }),
  }));
}
