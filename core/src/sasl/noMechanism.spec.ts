import { noMechanismError } from './noMechanism';
import type { SaslMechanismDefinition } from './SaslMechanism';
import { SaslRegistry } from './SaslRegistry';
import type { SelectionPolicy } from './selection';

function mech(name: string, extra: Partial<SaslMechanismDefinition> = {}): SaslMechanismDefinition {
  return {
    name,
    clientFirst: true,
    credentialKinds: ['password'],
    create: () => ({ name, clientFirst: true, response: () => '', challenge: () => undefined }),
    ...extra,
  };
}

function registry(): SaslRegistry {
  return new SaslRegistry()
    .register(mech('PLAIN'), { priority: 100 })
    .register(mech('SCRAM-SHA-1'), { priority: 200 })
    .register(mech('X-OAUTH2', { credentialKinds: ['oauth2'] }), { priority: 50 })
    .register(mech('OAUTHBEARER', { credentialKinds: ['oauth2'] }), { priority: 60 });
}

/** What the registry's selection says for `offered`, turned into the error. */
function errorFor(offered: string[], policy: SelectionPolicy) {
  const r = registry();
  const { mechanism, trace } = r.select(offered, policy);
  expect(mechanism).toBeUndefined();
  return noMechanismError(r, offered, trace, policy);
}

describe(noMechanismError, () => {
  it('names the mechanisms the credential kind needs when the server offered none of them', () => {
    const error = errorFor(['SCRAM-SHA-1', 'PLAIN'], { secure: true, credentialKinds: ['oauth2'] });
    expect(error.code).toBe('SB_SASL_NO_MECHANISM');
    expect(error.message).toContain(
      'an oauth2 credential needs OAUTHBEARER or X-OAUTH2, and the server offered only SCRAM-SHA-1, PLAIN',
    );
    expect(error.details).toMatchObject({
      offered: ['SCRAM-SHA-1', 'PLAIN'],
      credentialKinds: ['oauth2'],
      usable: ['OAUTHBEARER', 'X-OAUTH2'],
      needs: {},
    });
  });

  it('says which offered mechanisms needed TLS on an insecure stream', () => {
    const error = errorFor(['PLAIN'], { secure: false, credentialKinds: ['password'] });
    expect(error.message).toContain('PLAIN need TLS, and the stream is not secure');
    expect(error.message).not.toContain('needs');
  });

  it('says when nothing allowed for the account uses its credential', () => {
    const policy: SelectionPolicy = {
      secure: true,
      credentialKinds: ['password'],
      profileMechanisms: ['X-OAUTH2'],
    };
    const error = errorFor(['X-OAUTH2'], policy);
    expect(error.message).toContain(
      'no registered mechanism allowed for this account uses a password credential',
    );
    expect(error.message).toContain('X-OAUTH2 takes a credential of kind oauth2');
    expect(error.details).toMatchObject({ usable: [], needs: { 'X-OAUTH2': ['oauth2'] } });
  });

  it('says when the server offered nothing', () => {
    const error = errorFor([], { secure: true, credentialKinds: ['password'] });
    expect(error.message).toBe('No usable SASL mechanism: the server offered no mechanism.');
  });
});
