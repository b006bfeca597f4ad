import { writeFile } from 'node:fs/promises';
import { SwitchboardError } from '@switchboard/core';
import { checkProsodyFeatures } from './checkProsodyFeatures';
import type { ProsodyOptions } from './ProsodyOptions';
import { type FakeProsodyTree, fakeProsody } from './prosodyTree.testkit';
import { readProsodyInstall } from './readProsodyInstall';
import { startProsody } from './startProsody';

const ALL_MODULES = ['sasl2', 'sasl2_bind2', 'sasl2_sm', 'sasl2_fast', 'sasl_ssdp'];

async function failure(promise: Promise<unknown>): Promise<SwitchboardError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!SwitchboardError.is(error)) throw new Error(`expected a SwitchboardError, got ${error}`);
  return error;
}

describe(checkProsodyFeatures, () => {
  const trees: FakeProsodyTree[] = [];
  afterEach(async () => {
    for (const tree of trees.splice(0)) await tree.remove();
  });
  async function check(options: ProsodyOptions, version: string, modules: string[]) {
    const tree = await fakeProsody({ version, modules });
    trees.push(tree);
    return checkProsodyFeatures(options, await readProsodyInstall(tree.binary));
  }

  it('when Prosody 13 has the modules, every option passes', async () => {
    const options = { sasl2: true, ssdp: true, tlsServerEndPoint: true };
    await expect(check(options, '13.0.1', ALL_MODULES)).resolves.toBeUndefined();
  });

  it('when no Prosody 13 option is asked, any Prosody passes', async () => {
    await expect(check({ carbons: true }, '0.12.3', [])).resolves.toBeUndefined();
  });

  it.each<[string, ProsodyOptions]>([
    ['sasl2', { sasl2: true }],
    ['ssdp', { ssdp: true }],
    ['tlsServerEndPoint', { tlsServerEndPoint: true }],
  ])(
    'when %s is asked of Prosody 0.12, fails with SB_PROSODY_UNSUPPORTED and the install command',
    async (option, options) => {
      const error = await failure(check(options, '0.12.3', ALL_MODULES));
      expect(error.code).toBe('SB_PROSODY_UNSUPPORTED');
      expect(error.details).toMatchObject({ option, version: '0.12.3', missing: [] });
      expect(error.message).toContain(`The option ${option} needs Prosody 13`);
      expect(error.message).toContain('apt-get install -y prosody prosody-modules');
      expect(error.message).toContain('-t bookworm-backports');
    },
  );

  it('when Prosody 13 lacks a module the option needs, names exactly the missing ones', async () => {
    const error = await failure(check({ sasl2: true }, '13.0.1', ['sasl2', 'sasl2_bind2']));
    expect(error.code).toBe('SB_PROSODY_UNSUPPORTED');
    expect(error.details).toMatchObject({
      option: 'sasl2',
      missing: ['mod_sasl2_sm', 'mod_sasl2_fast'],
    });
    expect(error.message).toContain('Prosody 13.0.1 without mod_sasl2_sm, mod_sasl2_fast');
  });

  it('when FAST and stream management are left out, does not ask for their modules', async () => {
    const options = { sasl2: { fast: false }, streamManagement: false } as const;
    await expect(check(options, '13.0.1', ['sasl2', 'sasl2_bind2'])).resolves.toBeUndefined();
  });

  it('when a module is in pluginPaths instead, finds it there (as mod_NAME.lua)', async () => {
    const extra = await fakeProsody({ modules: [] });
    trees.push(extra);
    await writeFile(`${extra.pluginDir}mod_sasl_ssdp.lua`, '-- module\n');
    const options = { ssdp: true, pluginPaths: [extra.pluginDir] };
    await expect(check(options, '13.0.1', [])).resolves.toBeUndefined();
  });

  it('when startProsody is asked for sasl2 on Prosody 0.12, fails before it starts anything', async () => {
    const tree = await fakeProsody({ version: '0.12.3', modules: [] });
    trees.push(tree);
    const error = await failure(
      startProsody({ sasl2: true, prosodyBinary: tree.binary, prosodyctlBinary: tree.binary }),
    );
    expect(error.code).toBe('SB_PROSODY_UNSUPPORTED');
    expect(error.details).toMatchObject({ option: 'sasl2', version: '0.12.3' });
  });
});
