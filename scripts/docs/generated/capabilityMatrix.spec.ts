import type { ProfileDescriptor } from '@switchboard/core';
import { livenessDefaults } from '@switchboard/core';
import { type CapabilityMatrixInput, renderCapabilityMatrix } from './capabilityMatrix';

const base: ProfileDescriptor = {
  id: 'base',
  name: 'Base',
  protocol: 'xmpp',
  server: { port: 5222, tls: 'starttls' },
  mechanisms: ['PLAIN'],
  credentialKinds: ['password'],
  capabilities: {
    'roster.read': true,
    'roster.write': true,
    subscriptions: true,
    watch: false,
    'vcard.read': true,
    'vcard.write': true,
    chatStates: true,
    delayedDelivery: true,
    ping: true,
    rooms: false,
    history: false,
    otherDevices: false,
    receipts: false,
    readMarkers: false,
    messageTypes: ['chat', 'normal'],
  },
};

const limited: ProfileDescriptor = {
  ...base,
  id: 'limited',
  name: 'Limited | Chat',
  server: { host: 'chat.example', port: 5223, tls: 'direct' },
  mechanisms: ['X-TOKEN', 'PLAIN'],
  credentialKinds: ['oauth2', 'token'],
  liveness: { keepaliveMs: 30_000 },
  capabilities: { ...base.capabilities, 'roster.write': false, messageTypes: ['chat'] },
  oauth2: {
    authorizationEndpoint: 'https://auth.example/authorize',
    tokenEndpoint: 'https://auth.example/token',
    scopes: ['chat', 'offline'],
  },
};

const input: CapabilityMatrixInput = {
  columns: [
    { descriptor: base, exportName: 'baseProfile', packageName: '@example/base' },
    {
      descriptor: limited,
      exportName: 'limitedProfile',
      packageName: '@example/limited',
      capabilityNotes: new Map([
        ['roster.write', 'Contacts are managed on the website (https://chat.example/faq).'],
      ]),
    },
  ],
  capabilityNames: ['roster.read', 'roster.write'],
  descriptions: new Map([['roster.write', 'Add, rename or remove contacts.']]),
  livenessDefaults,
  command: 'pnpm docs:generate',
};

function row(markdown: string, label: string): string | undefined {
  return markdown.split('\n').find((line) => line.startsWith(`| ${label} |`));
}

describe(renderCapabilityMatrix, () => {
  const markdown = renderCapabilityMatrix(input);

  it('when rendered, says how it is regenerated', () => {
    expect(markdown.split('\n')[0]).toBe(
      '<!-- Generated from the profile descriptors by `pnpm docs:generate`; do not edit by hand. -->',
    );
  });

  it('when a profile lacks a capability, shows it in bold', () => {
    expect(row(markdown, '`roster.write`')).toBe(
      '| `roster.write` | Add, rename or remove contacts. | yes | **no** |',
    );
  });

  it('when a capability is not in capabilityNames, still lists it after them', () => {
    const lines = markdown.split('\n');
    const names = lines.filter((l) => l.startsWith('| `')).map((l) => l.split(' | ')[0]);
    expect(names).toEqual(['| `roster.read`', '| `roster.write`', ...names.slice(2)]);
    expect(row(markdown, '`messageTypes`')).toBe('| `messageTypes` |  | chat, normal | chat |');
  });

  it('when a cell holds a pipe, escapes it', () => {
    expect(markdown).toContain('| Limited \\| Chat (`limited`) |');
  });

  it('when rendering the connection, uses the server, TLS, mechanisms and credentials', () => {
    expect(row(markdown, 'server host')).toBe(
      "| server host | the account's domain | chat.example |",
    );
    expect(row(markdown, 'TLS')).toBe('| TLS | STARTTLS | direct TLS |');
    expect(row(markdown, 'SASL mechanisms, preferred first')).toBe(
      '| SASL mechanisms, preferred first | PLAIN | X-TOKEN, PLAIN |',
    );
    expect(row(markdown, 'credential kinds')).toBe(
      '| credential kinds | password | oauth2, token |',
    );
    expect(row(markdown, 'OAuth2 scopes')).toBe('| OAuth2 scopes | — | chat, offline |');
  });

  it('when a profile notes why it declares a capability, lists it with the value under Sources', () => {
    const sources = markdown.slice(markdown.indexOf('## Sources'));
    expect(sources).toContain('### Limited | Chat (`limited`)');
    expect(row(sources, '`roster.write`')).toBe(
      '| `roster.write` | **no** | Contacts are managed on the website (https://chat.example/faq). |',
    );
    expect(sources).not.toContain('(`base`)');
  });

  it('when no profile has notes, renders no Sources section', () => {
    const plain = renderCapabilityMatrix({
      ...input,
      columns: input.columns.map(({ descriptor, exportName, packageName }) => ({
        descriptor,
        exportName,
        packageName,
      })),
    });
    expect(plain).not.toContain('## Sources');
  });

  it('when a profile overrides part of liveness, lays it over the defaults', () => {
    expect(row(markdown, 'keepalive')).toBe(
      '| keepalive | whitespace after 60 s without sending | whitespace after 30 s without sending |',
    );
    expect(row(markdown, 'dead-link probe')).toBe(
      '| dead-link probe | after 90 s silent, answer within 15 s | after 90 s silent, answer within 15 s |',
    );
  });
});
