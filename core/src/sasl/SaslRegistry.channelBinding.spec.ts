import { noMechanismError } from './noMechanism';
import type { SaslMechanismDefinition } from './SaslMechanism';
import { SaslRegistry } from './SaslRegistry';
import { formatTrace, type SelectionPolicy } from './selection';

const ALL = ['tls-exporter', 'tls-server-end-point', 'tls-unique'] as const;

function mech(name: string, extra: Partial<SaslMechanismDefinition> = {}): SaslMechanismDefinition {
  return {
    name,
    clientFirst: true,
    credentialKinds: ['password'],
    create: () => ({ name, clientFirst: true, response: () => '', challenge: () => undefined }),
    ...extra,
  };
}

function plus(name: string): SaslMechanismDefinition {
  return mech(name, { channelBindings: ALL });
}

function registry(): SaslRegistry {
  return new SaslRegistry()
    .register(mech('PLAIN'), { priority: 100 })
    .register(mech('SCRAM-SHA-1'), { priority: 200 })
    .register(plus('SCRAM-SHA-1-PLUS'), { priority: 150 })
    .register(mech('SCRAM-SHA-256'), { priority: 300 })
    .register(plus('SCRAM-SHA-256-PLUS'), { priority: 310 })
    .register(
      mech('HT-SHA-256-EXPR', {
        credentialKinds: ['fast-token'],
        channelBindings: ['tls-exporter'],
      }),
    );
}

const bound: SelectionPolicy = {
  secure: true,
  credentialKinds: ['password'],
  channelBindings: ['tls-exporter'],
};
const OFFER = ['SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS', 'PLAIN'];

describe(SaslRegistry, () => {
  describe('.select with channel binding', () => {
    it('when the connection has no binding type, skips -PLUS with no-channel-binding', () => {
      const { mechanism, trace } = registry().select(OFFER, {
        secure: true,
        credentialKinds: ['password'],
      });
      expect(mechanism?.name).toBe('SCRAM-SHA-256');
      expect(trace).toEqual([
        { mechanism: 'SCRAM-SHA-1', outcome: 'skipped', reason: 'lower-preference' },
        { mechanism: 'SCRAM-SHA-1-PLUS', outcome: 'skipped', reason: 'no-channel-binding' },
        { mechanism: 'SCRAM-SHA-256', outcome: 'selected' },
        { mechanism: 'SCRAM-SHA-256-PLUS', outcome: 'skipped', reason: 'no-channel-binding' },
        { mechanism: 'PLAIN', outcome: 'skipped', reason: 'lower-preference' },
      ]);
      expect(formatTrace(trace)).toContain('SCRAM-SHA-256-PLUS: skipped (no-channel-binding)');
    });

    it('when the binding types share none with the mechanism, skips it', () => {
      const r = new SaslRegistry().register(mech('X-BOUND', { channelBindings: ['tls-unique'] }));
      const { mechanism, trace } = r.select(['X-BOUND'], bound);
      expect(mechanism).toBeUndefined();
      expect(trace).toEqual([
        { mechanism: 'X-BOUND', outcome: 'skipped', reason: 'no-channel-binding' },
      ]);
    });

    it('when the connection can bind, the -PLUS twin wins over its plain twin', () => {
      const { mechanism, trace } = registry().select(OFFER, bound);
      expect(mechanism?.name).toBe('SCRAM-SHA-256-PLUS');
      expect(trace).toHaveLength(OFFER.length);
    });

    it('when a -PLUS mechanism has a lower priority than its twin, it still ranks just above it', () => {
      const { mechanism } = registry().select(['SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS', 'PLAIN'], bound);
      expect(mechanism?.name).toBe('SCRAM-SHA-1-PLUS');
    });

    it('when the account lists only the twin, -PLUS is allowed at its place and chosen', () => {
      const { mechanism, trace } = registry().select(OFFER, {
        ...bound,
        accountMechanisms: ['SCRAM-SHA-1', 'PLAIN'],
      });
      expect(mechanism?.name).toBe('SCRAM-SHA-1-PLUS');
      expect(trace).toEqual([
        { mechanism: 'SCRAM-SHA-1', outcome: 'skipped', reason: 'lower-preference' },
        { mechanism: 'SCRAM-SHA-1-PLUS', outcome: 'selected' },
        { mechanism: 'SCRAM-SHA-256', outcome: 'skipped', reason: 'not-allowed' },
        { mechanism: 'SCRAM-SHA-256-PLUS', outcome: 'skipped', reason: 'not-allowed' },
        { mechanism: 'PLAIN', outcome: 'skipped', reason: 'lower-preference' },
      ]);
    });

    it('when the profile orders twins, -PLUS keeps the order of the twins it follows', () => {
      const { trace } = registry().select(OFFER, {
        ...bound,
        profileMechanisms: ['SCRAM-SHA-1', 'SCRAM-SHA-256', 'PLAIN'],
      });
      expect(trace.find((e) => e.outcome === 'selected')?.mechanism).toBe('SCRAM-SHA-1-PLUS');
    });

    it('when the list names -PLUS after its twin, -PLUS still ranks above the twin', () => {
      const { mechanism } = registry().select(OFFER, {
        ...bound,
        accountMechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS'],
      });
      expect(mechanism?.name).toBe('SCRAM-SHA-256-PLUS');
    });

    it('when -PLUS is disabled, the twin is chosen and the trace says why', () => {
      const { mechanism, trace } = registry().disable('SCRAM-SHA-256-PLUS').select(OFFER, bound);
      expect(mechanism?.name).toBe('SCRAM-SHA-256');
      expect(trace).toContainEqual({
        mechanism: 'SCRAM-SHA-256-PLUS',
        outcome: 'skipped',
        reason: 'disabled',
      });
    });

    it('when the server offers only -PLUS and the stream is not secure, says insecure-stream', () => {
      const { trace } = registry().select(['SCRAM-SHA-256-PLUS'], { ...bound, secure: false });
      expect(trace).toEqual([
        { mechanism: 'SCRAM-SHA-256-PLUS', outcome: 'skipped', reason: 'insecure-stream' },
      ]);
    });

    it('never selects an HT mechanism for an account without a fast-token credential', () => {
      const { mechanism, trace } = registry().select(['HT-SHA-256-EXPR', 'PLAIN'], bound);
      expect(mechanism?.name).toBe('PLAIN');
      expect(trace[0]).toEqual({
        mechanism: 'HT-SHA-256-EXPR',
        outcome: 'skipped',
        reason: 'missing-credential',
      });
    });
  });

  describe('no mechanism', () => {
    it('when only -PLUS is offered and nothing binds, the error says channel binding is missing', () => {
      const r = registry();
      const policy: SelectionPolicy = { secure: true, credentialKinds: ['password'] };
      const offered = ['SCRAM-SHA-256-PLUS'];
      const { mechanism, trace } = r.select(offered, policy);
      expect(mechanism).toBeUndefined();
      const error = noMechanismError(r, offered, trace, policy);
      expect(error.message).toContain(
        'SCRAM-SHA-256-PLUS need channel binding, and this connection has no binding type the server accepts',
      );
      expect(error.message).toContain('SCRAM-SHA-256-PLUS: skipped (no-channel-binding)');
    });
  });
});
