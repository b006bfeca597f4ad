import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTokenStore } from './FileTokenStore';

describe(FileTokenStore, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-tokens-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when tokens are set, a new store on the same file reads them back', async () => {
    const file = join(dir, 'nested', 'tokens.json');
    await new FileTokenStore(file).set('messenger:a@b', {
      accessToken: 'at',
      tokenType: 'bearer',
      expiresAt: 42,
    });
    await expect(new FileTokenStore(file).get('messenger:a@b')).resolves.toEqual({
      accessToken: 'at',
      tokenType: 'bearer',
      expiresAt: 42,
    });
    await expect(new FileTokenStore(file).get('other')).resolves.toBeUndefined();
  });

  it('keeps the file and its new directory readable by the owner only', async () => {
    const file = join(dir, 'private', 'tokens.json');
    await new FileTokenStore(file).set('a', { accessToken: 'at', tokenType: 'bearer' });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'private'))).mode & 0o777).toBe(0o700);
  });

  it('when many writes overlap, none is lost and no temporary file is left', async () => {
    const file = join(dir, 'tokens.json');
    const store = new FileTokenStore(file);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.set(`acct${i}`, { accessToken: `t${i}`, tokenType: 'bearer' }),
      ),
    );
    await store.delete('acct3');
    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(saved)).toHaveLength(19);
    expect(saved.acct3).toBeUndefined();
    expect(await readdir(dir)).toEqual(['tokens.json']);
  });

  it('when the file is not JSON, fails with SB_TOKEN_STORE_FAILED without quoting it', async () => {
    const file = join(dir, 'tokens.json');
    await writeFile(file, 'secret-token-text{');
    const error = await new FileTokenStore(file).get('a').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SB_TOKEN_STORE_FAILED', details: { file } });
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain('secret-token-text');
  });
});
