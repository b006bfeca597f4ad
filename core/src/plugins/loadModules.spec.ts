import { ContainerModule } from 'inversify';
import { FakePlugin, fakeProfile } from '../accounts/fakePlugin.testkit';
import { MechanismRegistrationToken, ProfilePluginToken } from '../di/tokens';
import { Switchboard } from '../Switchboard';
import type { SaslMechanismDefinition } from '../sasl/SaslMechanism';
import { singleMessage } from '../sasl/singleMessage';
import { CORE_VERSION } from '../version';
import { definePlugin, defineProfile } from './SwitchboardModule';

const mechanism = (name: string): SaslMechanismDefinition => ({
  name,
  clientFirst: true,
  credentialKinds: ['token'],
  create: () => singleMessage(name, () => 'x'),
});

const base = definePlugin({
  name: 'base',
  version: '1.0.0',
  core: '^0.1.0',
  bindings: new ContainerModule(({ bind }) => {
    bind(MechanismRegistrationToken).toConstantValue({
      mechanism: mechanism('X-ONE'),
      priority: 1,
    });
  }),
});

const empty = new ContainerModule(() => undefined);

function loadError(modules: Parameters<typeof Switchboard.create>[0]['modules']): unknown {
  try {
    Switchboard.create({ modules });
  } catch (error) {
    return error;
  }
  throw new Error('expected a load error');
}

describe('loading modules', () => {
  it('loads declared and bare modules in order', () => {
    const profile = defineProfile({
      name: 'p',
      version: '1.0.0',
      core: '>=0.1.0 <1',
      dependencies: ['base'],
      profiles: [fakeProfile],
      bindings: new ContainerModule(({ bind }) => {
        bind(ProfilePluginToken).toConstantValue(new FakePlugin('ok'));
      }),
    });
    const switchboard = Switchboard.create({ modules: [base, empty, profile] });
    expect(switchboard.profiles().map((p) => p.id)).toEqual(['fake']);
  });

  it('refuses a profile module that declares a profile it does not bind', () => {
    const hollow = defineProfile({
      ...base,
      name: 'hollow',
      profiles: [fakeProfile],
      bindings: empty,
    });
    expect(loadError([hollow])).toMatchObject({
      code: 'SB_MODULE_INVALID',
      details: { module: 'hollow', field: 'profiles' },
    });
  });

  it.each([
    ['a version that is not semver', { version: 'one' }, 'version'],
    ['a core range that is not a range', { core: 'latest!' }, 'core'],
    ['no name', { name: '' }, 'name'],
    ['bindings that are not a ContainerModule', { bindings: {} as ContainerModule }, 'bindings'],
  ])('refuses a manifest with %s (SB_MODULE_INVALID)', (_, change, field) => {
    expect(loadError([definePlugin({ ...base, ...change })])).toMatchObject({
      code: 'SB_MODULE_INVALID',
      details: { field },
    });
  });

  it('refuses a module for another core version, naming both versions', () => {
    expect(loadError([definePlugin({ ...base, core: '^2.0.0' })])).toMatchObject({
      code: 'SB_CORE_VERSION_UNSUPPORTED',
      details: { module: 'base', requires: '^2.0.0', core: CORE_VERSION },
    });
  });

  it('refuses a module whose dependency is not loaded before it', () => {
    const needy = definePlugin({ ...base, name: 'needy', dependencies: ['base'], bindings: empty });
    expect(loadError([needy, base])).toMatchObject({
      code: 'SB_DEPENDENCY_MISSING',
      details: { module: 'needy', missing: 'base', loaded: [] },
    });
  });

  it('refuses two modules declaring the same profile id, naming both, before building anything', () => {
    const one = defineProfile({ ...base, name: 'one', profiles: [fakeProfile], bindings: empty });
    const two = defineProfile({ ...base, name: 'two', profiles: [fakeProfile], bindings: empty });
    expect(loadError([one, two])).toMatchObject({
      code: 'SB_DUPLICATE_PROFILE',
      details: { profile: 'fake', module: 'two', previous: 'one' },
    });
  });

  it('refuses a mechanism name taken by an earlier module unless the later one overrides', () => {
    const clash = (override?: boolean) =>
      definePlugin({
        ...base,
        name: 'clash',
        bindings: new ContainerModule(({ bind }) => {
          bind(MechanismRegistrationToken).toConstantValue({
            mechanism: mechanism('X-ONE'),
            priority: 2,
            ...(override === undefined ? {} : { override }),
          });
        }),
      });
    expect(loadError([base, clash()])).toMatchObject({
      code: 'SB_SASL_DUPLICATE_MECHANISM',
      details: { mechanism: 'X-ONE', module: 'clash', previous: 'base' },
    });
    const overridden = Switchboard.create({ modules: [base, clash(true)] });
    expect(overridden.registry.list().map((e) => [e.mechanism.name, e.priority])).toEqual([
      ['X-ONE', 2],
    ]);
  });

  it('refuses a module loaded twice', () => {
    expect(loadError([base, base])).toMatchObject({ code: 'SB_MODULE_DUPLICATE' });
  });

  it('reports a package that cannot be imported as SB_MODULE_NOT_FOUND', async () => {
    await expect(
      Switchboard.load({ modules: ['@switchboard/no-such-profile'] }),
    ).rejects.toMatchObject({
      code: 'SB_MODULE_NOT_FOUND',
      details: { module: '@switchboard/no-such-profile' },
    });
  });

  it("imports packages with the host's importer when given one", async () => {
    const asked: string[] = [];
    const switchboard = await Switchboard.load({
      modules: ['base-by-name'],
      importModule: async (name) => {
        asked.push(name);
        return { default: base };
      },
    });
    expect(asked).toEqual(['base-by-name']);
    expect(switchboard.registry.list().map((e) => e.mechanism.name)).toEqual(['X-ONE']);
  });

  it('refuses a package that exports no SwitchboardModule', async () => {
    await expect(Switchboard.load({ modules: ['eventemitter3'] })).rejects.toMatchObject({
      code: 'SB_MODULE_INVALID',
      details: { module: 'eventemitter3', field: 'exports' },
    });
  });
});
