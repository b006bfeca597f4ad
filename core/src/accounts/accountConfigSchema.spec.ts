import { validateAccountConfig } from './accountConfigSchema';

const valid = {
  profile: 'jabber',
  address: 'alice@example.org',
  credential: { kind: 'password', password: 'hunter2-secret' },
};

function issuesOf(config: unknown): Array<{ field: string; problem: string }> {
  try {
    validateAccountConfig(config);
  } catch (error) {
    expect(error).toMatchObject({ code: 'SB_CONFIG_INVALID' });
    expect(JSON.stringify(error) + String(error)).not.toContain('hunter2-secret');
    return (error as { details: { issues: Array<{ field: string; problem: string }> } }).details
      .issues;
  }
  throw new Error('expected SB_CONFIG_INVALID');
}

describe(validateAccountConfig, () => {
  it('accepts a complete config and returns it unchanged', () => {
    const full = {
      ...valid,
      id: 'a1',
      server: { host: '127.0.0.1', port: 5222, tls: 'starttls' },
      tls: { ca: ['PEM'], servername: 'example.org' },
      mechanisms: ['SCRAM-SHA-1'],
      initialPresence: { availability: 'away', status: 'brb', priority: 5 },
      reconnect: { initialDelayMs: 10 },
      liveness: { keepalive: 'probe', keepaliveMs: 1000 },
      offlineQueueLimit: 5,
      watch: ['bob@example.org'],
      answerReceipts: false,
    };
    expect(validateAccountConfig(full)).toBe(full);
  });

  it.each([
    ['a missing profile', 'profile', { ...valid, profile: undefined }],
    ['a port out of range', 'server.port', { ...valid, server: { port: 70000 } }],
    ['an unknown TLS mode', 'server.tls', { ...valid, server: { tls: 'maybe' } }],
    ['a typo in a field name', 'resorce', { ...valid, resorce: 'x' }],
    ['an unknown credential kind', 'credential.kind', { ...valid, credential: { kind: 'magic' } }],
    [
      'a password that is a number',
      'credential.password',
      { ...valid, credential: { kind: 'password', password: 5 } },
    ],
    ['a negative timeout', 'timeoutMs', { ...valid, timeoutMs: -1 }],
    ['a watch list that is not a list', 'watch', { ...valid, watch: 'bob@example.org' }],
    ['an empty address in the watch list', 'watch.1', { ...valid, watch: ['bob@example.org', ''] }],
    ['answerReceipts as text', 'answerReceipts', { ...valid, answerReceipts: 'no' }],
  ] as const)('refuses %s, naming %s', (_, field, config) => {
    expect(issuesOf(config).map((i) => i.field)).toContain(field);
  });

  it('reports every problem, and never the secret that caused one', () => {
    const issues = issuesOf({
      ...valid,
      address: '',
      credential: { kind: 'password', password: 'hunter2-secret', extra: 'hunter2-secret' },
    });
    expect(issues.map((i) => i.field).sort()).toEqual(['address', 'credential.extra']);
  });

  it('says a missing field is required and a wrong one what was expected', () => {
    expect(issuesOf({ ...valid, credential: { kind: 'password' } })).toEqual([
      { field: 'credential.password', problem: 'is required' },
    ]);
    expect(issuesOf({ ...valid, enforceCapabilities: 'yes' })).toEqual([
      { field: 'enforceCapabilities', problem: 'expected boolean' },
    ]);
  });

  it('refuses something that is not an object at all', () => {
    expect(issuesOf('alice')[0]?.field).toBe('(config)');
  });
});
