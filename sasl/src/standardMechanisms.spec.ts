import { SaslRegistry } from '@switchboard/core';
import { standardMechanisms } from './standardMechanisms';

function registry(): SaslRegistry {
  const r = new SaslRegistry();
  for (const { mechanism, priority } of standardMechanisms) r.register(mechanism, { priority });
  return r;
}

describe('standardMechanisms', () => {
  it('when registered, ranks SCRAM-SHA-256 300, SCRAM-SHA-1 200, PLAIN 100, ANONYMOUS 0', () => {
    expect(
      registry()
        .list()
        .map((e) => [e.mechanism.name, e.priority]),
    ).toEqual([
      ['SCRAM-SHA-256', 300],
      ['SCRAM-SHA-1', 200],
      ['PLAIN', 100],
      ['ANONYMOUS', 0],
    ]);
  });

  it('when a server offers them all over TLS with a password, SCRAM-SHA-256 is chosen; without TLS only ANONYMOUS', () => {
    const offered = ['PLAIN', 'ANONYMOUS', 'SCRAM-SHA-1', 'SCRAM-SHA-256'];
    expect(
      registry().select(offered, { secure: true, credentialKinds: ['password'] }).mechanism?.name,
    ).toBe('SCRAM-SHA-256');
    expect(
      registry().select(offered, { secure: false, credentialKinds: ['password'] }).mechanism?.name,
    ).toBe('ANONYMOUS');
  });
});
