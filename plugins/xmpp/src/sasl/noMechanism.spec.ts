import {
  type SaslMechanismDefinition,
  SaslRegistry,
  type SelectionPolicy,
} from '@switchboard/core';
import { noMechanism } from './noMechanism';

function mech(name: string, credentialKinds: string[]): SaslMechanismDefinition {
  return {
    name,
    clientFirst: true,
    credentialKinds,
    create: () => ({ name, clientFirst: true, response: () => '', challenge: () => undefined }),
  };
}

const registry = new SaslRegistry()
  .register(mech('SCRAM-SHA-1', ['password']), { priority: 20 })
  .register(mech('PLAIN', ['password']), { priority: 10 })
  .register(mech('X-OAUTH2', ['oauth2']), { priority: 30 });

function failure(offered: string[], policy: SelectionPolicy) {
  const { trace } = registry.select(offered, policy);
  return noMechanism(registry, offered, policy, trace);
}

describe(noMechanism, () => {
  it('when a password account meets a server offering only OAuth2, names what each side needs', () => {
    const error = failure(['X-OAUTH2'], {
      secure: true,
      credentialKinds: ['password'],
      profileMechanisms: ['SCRAM-SHA-1', 'PLAIN', 'X-OAUTH2'],
    });
    expect(error.code).toBe('SB_SASL_NO_MECHANISM');
    expect(error.message).toBe(
      'No usable SASL mechanism: X-OAUTH2: skipped (missing-credential). ' +
        "The account's credential (kind password) needs SCRAM-SHA-1 or PLAIN, which the server does not offer. " +
        'X-OAUTH2 takes a credential of kind oauth2.',
    );
    expect(error.details).toMatchObject({
      credentialKinds: ['password'],
      wanted: ['SCRAM-SHA-1', 'PLAIN'],
      needs: { 'X-OAUTH2': ['oauth2'] },
    });
  });

  it('when the account narrows the mechanisms, only those count as wanted', () => {
    const error = failure(['PLAIN'], {
      secure: false,
      credentialKinds: ['password'],
      accountMechanisms: ['SCRAM-SHA-1', 'PLAIN'],
    });
    expect(error.details).toMatchObject({ wanted: ['SCRAM-SHA-1'], needs: {} });
  });
});
