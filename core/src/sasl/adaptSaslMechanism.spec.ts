import SaslAnonymous from 'sasl-anonymous';
import SaslPlain from 'sasl-plain';
import { adaptSaslMechanism } from './adaptSaslMechanism';
import { bytesToUtf8, toBytes } from './bytes';
import { SaslRegistry } from './SaslRegistry';

describe(adaptSaslMechanism, () => {
  it('when given npm sasl-plain unchanged, it registers and produces the RFC 4616 message', async () => {
    const plain = adaptSaslMechanism(SaslPlain, { credentialKinds: ['password'] });
    const registry = new SaslRegistry().register(plain, { priority: 1 });
    const { mechanism } = registry.select(['PLAIN'], {
      secure: true,
      credentialKinds: ['password'],
    });
    expect(mechanism?.name).toBe('PLAIN');
    expect(mechanism?.clientFirst).toBe(true);
    const session = mechanism?.create();
    const out = await session?.response({ username: 'user', password: 'pencil' });
    expect(toBytes(out ?? '')).toEqual(toBytes('\u0000user\u0000pencil'));
  });

  it('when given npm sasl-anonymous, the adapter keeps its name and hands challenges over as text', async () => {
    const anonymous = adaptSaslMechanism(SaslAnonymous, {
      credentialKinds: [],
      allowInsecure: true,
    });
    expect(anonymous.name).toBe('ANONYMOUS');
    expect(anonymous.allowInsecure).toBe(true);
    const session = anonymous.create();
    const out = await session.response({ trace: 'guest' });
    expect(bytesToUtf8(toBytes(out ?? ''))).toBe('guest');
    expect(() => session.challenge(toBytes('ignored'))).not.toThrow();
  });

  it('when the class has no name, it refuses it', () => {
    class Nameless {
      declare readonly clientFirst: boolean;
      response(): string {
        return '';
      }
      challenge(): void {}
    }
    expect(() => adaptSaslMechanism(Nameless, { credentialKinds: [] })).toThrow(/no name/);
  });
});
