import { SaslRegistry } from '@switchboard/core';
import { standardMechanisms } from './standardMechanisms';

function registry(): SaslRegistry {
  const r = new SaslRegistry();
  for (const { mechanism, priority } of standardMechanisms) r.register(mechanism, { priority });
  return r;
}

const OFFER = [
  'PLAIN',
  'ANONYMOUS',
  'SCRAM-SHA-1',
  'SCRAM-SHA-1-PLUS',
  'SCRAM-SHA-256',
  'SCRAM-SHA-256-PLUS',
];

describe('standardMechanisms', () => {
  it('when registered, ranks HT-* first, then SCRAM -PLUS, SCRAM by hash, PLAIN and ANONYMOUS', () => {
    expect(
      registry()
        .list()
        .map((e) => [e.mechanism.name, e.priority]),
    ).toEqual([
      ['HT-SHA-256-EXPR', 540],
      ['HT-SHA-256-ENDP', 530],
      ['HT-SHA-256-UNIQ', 520],
      ['HT-SHA-256-NONE', 500],
      ['SCRAM-SHA-512-PLUS', 420],
      ['SCRAM-SHA-256-PLUS', 410],
      ['SCRAM-SHA-1-PLUS', 400],
      ['SCRAM-SHA-512', 320],
      ['SCRAM-SHA-256', 300],
      ['SCRAM-SHA-1', 200],
      ['PLAIN', 100],
      ['ANONYMOUS', 0],
    ]);
  });

  it('when a server offers them all over TLS with a password, SCRAM-SHA-256 is chosen; without TLS only ANONYMOUS', () => {
    expect(
      registry().select(OFFER, { secure: true, credentialKinds: ['password'] }).mechanism?.name,
    ).toBe('SCRAM-SHA-256');
    expect(
      registry().select(OFFER, { secure: false, credentialKinds: ['password'] }).mechanism?.name,
    ).toBe('ANONYMOUS');
  });

  it('when the connection can bind with tls-exporter or tls-server-end-point, the -PLUS twin is chosen', () => {
    for (const type of ['tls-exporter', 'tls-server-end-point', 'tls-unique'] as const) {
      const { mechanism } = registry().select(OFFER, {
        secure: true,
        credentialKinds: ['password'],
        channelBindings: [type],
      });
      expect(mechanism?.name).toBe('SCRAM-SHA-256-PLUS');
    }
  });

  it('when the server also offers HT mechanisms, a password account never selects them', () => {
    const offered = ['HT-SHA-256-EXPR', 'HT-SHA-256-NONE', 'SCRAM-SHA-1'];
    const { mechanism, trace } = registry().select(offered, {
      secure: true,
      credentialKinds: ['password'],
      channelBindings: ['tls-exporter'],
    });
    expect(mechanism?.name).toBe('SCRAM-SHA-1');
    expect(trace.slice(0, 2)).toEqual([
      { mechanism: 'HT-SHA-256-EXPR', outcome: 'skipped', reason: 'missing-credential' },
      { mechanism: 'HT-SHA-256-NONE', outcome: 'skipped', reason: 'missing-credential' },
    ]);
  });

  it('when asked for a fast-token login, the bound HT mechanism the connection supports wins', () => {
    const offered = ['HT-SHA-256-NONE', 'HT-SHA-256-ENDP', 'HT-SHA-256-EXPR', 'HT-SHA-256-UNIQ'];
    const pick = (channelBindings: ('tls-exporter' | 'tls-server-end-point')[]) =>
      registry().select(offered, { secure: true, credentialKinds: ['fast-token'], channelBindings })
        .mechanism?.name;
    expect(pick(['tls-exporter'])).toBe('HT-SHA-256-EXPR');
    expect(pick(['tls-server-end-point'])).toBe('HT-SHA-256-ENDP');
    expect(pick([])).toBe('HT-SHA-256-NONE');
  });
});
