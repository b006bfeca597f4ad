import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeProsodyTree, fakeProsody } from './prosodyTree.testkit';
import { readProsodyInstall } from './readProsodyInstall';

describe(readProsodyInstall, () => {
  const trees: FakeProsodyTree[] = [];
  afterEach(async () => {
    for (const tree of trees.splice(0)) await tree.remove();
  });

  it.each([
    ['13.0.1\n', 13],
    ['0.12.3', 0],
    ['trunk nightly build 1234', undefined],
  ])(
    'when the launcher names its tree and prosody.version says %j, reads major %s',
    async (text, major) => {
      const tree = await fakeProsody({ version: text });
      trees.push(tree);
      expect(await readProsodyInstall(tree.binary)).toEqual({
        version: text.trim(),
        major,
        pluginDir: tree.pluginDir,
      });
    },
  );

  it('when there is no prosody.version, the version is unknown', async () => {
    const tree = await fakeProsody({});
    trees.push(tree);
    expect(await readProsodyInstall(tree.binary)).toMatchObject({
      version: undefined,
      major: undefined,
    });
  });

  it('when the binary is a source checkout without CFG_ lines, reads the tree beside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-prosody-src-'));
    try {
      await writeFile(join(dir, 'prosody'), '-- prosody from source\n');
      await writeFile(join(dir, 'prosody.version'), '13.0.2');
      expect(await readProsodyInstall(join(dir, 'prosody'))).toEqual({
        version: '13.0.2',
        major: 13,
        pluginDir: join(dir, 'plugins'),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
