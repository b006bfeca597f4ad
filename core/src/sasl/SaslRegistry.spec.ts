import { SwitchboardError } from '../errors/SwitchboardError';
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

const secureWithPassword: SelectionPolicy = { secure: true, credentialKinds: ['password'] };

function registry(): SaslRegistry {
  return new SaslRegistry()
    .register(mech('PLAIN'), { priority: 100 })
    .register(mech('SCRAM-SHA-1'), { priority: 200 })
    .register(mech('SCRAM-SHA-256'), { priority: 300 })
    .register(mech('X-OAUTH2', { credentialKinds: ['oauth2'] }), { priority: 50 })
    .register(mech('ANONYMOUS', { credentialKinds: [], allowInsecure: true }), { priority: 0 });
}

describe(SaslRegistry, () => {
  describe('.register', () => {
    it('when a name is registered twice, fails with a coded error', () => {
      const r = registry();
      expect(() => r.register(mech('PLAIN'))).toThrow(
        expect.objectContaining({ code: 'SB_SASL_DUPLICATE_MECHANISM' }),
      );
    });

    it('when override is set, replaces the mechanism and its priority', () => {
      const replacement = mech('PLAIN');
      const r = registry().register(replacement, { priority: 1000, override: true });
      expect(r.get('PLAIN')).toBe(replacement);
      expect(r.list()[0]?.mechanism.name).toBe('PLAIN');
    });
  });

  describe('.select', () => {
    it('when nothing orders the choice, the highest priority wins regardless of server order', () => {
      const { mechanism, trace } = registry().select(
        ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256'],
        secureWithPassword,
      );
      expect(mechanism?.name).toBe('SCRAM-SHA-256');
      expect(trace).toEqual([
        { mechanism: 'PLAIN', outcome: 'skipped', reason: 'lower-preference' },
        { mechanism: 'SCRAM-SHA-1', outcome: 'skipped', reason: 'lower-preference' },
        { mechanism: 'SCRAM-SHA-256', outcome: 'selected' },
      ]);
    });

    it('when the profile gives an order, that order beats priority and excludes the rest', () => {
      const { mechanism, trace } = registry().select(['SCRAM-SHA-256', 'PLAIN', 'ANONYMOUS'], {
        ...secureWithPassword,
        profileMechanisms: ['PLAIN', 'SCRAM-SHA-256'],
      });
      expect(mechanism?.name).toBe('PLAIN');
      expect(trace).toContainEqual({
        mechanism: 'ANONYMOUS',
        outcome: 'skipped',
        reason: 'not-allowed',
      });
    });

    it('when the account forces a mechanism, only that one can be chosen', () => {
      const { mechanism, trace } = registry().select(['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'], {
        ...secureWithPassword,
        profileMechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'],
        accountMechanisms: ['SCRAM-SHA-1'],
      });
      expect(mechanism?.name).toBe('SCRAM-SHA-1');
      expect(
        trace.filter((t) => t.outcome === 'skipped').map((t) => 'reason' in t && t.reason),
      ).toEqual(['not-allowed', 'not-allowed']);
    });

    it('when a mechanism is disabled, it is skipped with reason disabled, and enable restores it', () => {
      const r = registry().disable('SCRAM-SHA-256');
      expect(r.select(['SCRAM-SHA-256', 'SCRAM-SHA-1'], secureWithPassword).mechanism?.name).toBe(
        'SCRAM-SHA-1',
      );
      expect(r.select(['SCRAM-SHA-256'], secureWithPassword).trace).toEqual([
        { mechanism: 'SCRAM-SHA-256', outcome: 'skipped', reason: 'disabled' },
      ]);
      r.enable('SCRAM-SHA-256');
      expect(r.select(['SCRAM-SHA-256'], secureWithPassword).mechanism?.name).toBe('SCRAM-SHA-256');
    });

    it('when disabling an unknown name, fails with a coded error', () => {
      expect(() => registry().disable('NOPE')).toThrow(
        expect.objectContaining({ code: 'SB_SASL_UNKNOWN_MECHANISM' }),
      );
    });

    it('when the stream is not encrypted, only mechanisms allowed on insecure streams remain', () => {
      const { mechanism, trace } = registry().select(['PLAIN', 'SCRAM-SHA-1', 'ANONYMOUS'], {
        secure: false,
        credentialKinds: ['password'],
      });
      expect(mechanism?.name).toBe('ANONYMOUS');
      expect(trace.slice(0, 2)).toEqual([
        { mechanism: 'PLAIN', outcome: 'skipped', reason: 'insecure-stream' },
        { mechanism: 'SCRAM-SHA-1', outcome: 'skipped', reason: 'insecure-stream' },
      ]);
    });

    it('when insecure streams are explicitly allowed, password mechanisms are eligible', () => {
      const result = registry().select(['PLAIN'], {
        secure: false,
        allowInsecure: true,
        credentialKinds: ['password'],
      });
      expect(result.mechanism?.name).toBe('PLAIN');
    });

    it('when the account lacks the credential kind, reports missing-credential', () => {
      const { mechanism, trace } = registry().select(['X-OAUTH2', 'PLAIN'], secureWithPassword);
      expect(mechanism?.name).toBe('PLAIN');
      expect(trace[0]).toEqual({
        mechanism: 'X-OAUTH2',
        outcome: 'skipped',
        reason: 'missing-credential',
      });
    });

    it('when the server offers unknown mechanisms only, nothing is selected and each is traced', () => {
      const { mechanism, trace } = registry().select(['DIGEST-MD5', 'GSSAPI'], secureWithPassword);
      expect(mechanism).toBeUndefined();
      expect(trace).toEqual([
        { mechanism: 'DIGEST-MD5', outcome: 'skipped', reason: 'not-registered' },
        { mechanism: 'GSSAPI', outcome: 'skipped', reason: 'not-registered' },
      ]);
    });

    it('when names differ only by case, they are different mechanisms', () => {
      expect(registry().select(['plain'], secureWithPassword).trace[0]).toMatchObject({
        reason: 'not-registered',
      });
    });
  });

  describe('.unregister', () => {
    it('when a mechanism is removed, it is reported as not registered', () => {
      const r = registry();
      expect(r.unregister('PLAIN')).toBe(true);
      expect(r.select(['PLAIN'], secureWithPassword).trace[0]).toMatchObject({
        reason: 'not-registered',
      });
      expect(SwitchboardError.is(new SwitchboardError('SB_SASL_NO_MECHANISM'))).toBe(true);
    });
  });
});
