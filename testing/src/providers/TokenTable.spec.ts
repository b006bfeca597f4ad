import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TokenTable } from './TokenTable';

describe(TokenTable, () => {
  let table: TokenTable;
  beforeEach(async () => {
    table = await TokenTable.create();
  });
  afterEach(async () => {
    await table.remove();
  });

  const onDisk = async (): Promise<unknown> => JSON.parse(await readFile(table.file, 'utf8'));

  describe('.create', () => {
    it('when created without a file, writes an empty table in a new folder', async () => {
      expect(await onDisk()).toEqual({});
    });
  });

  describe('.issue', () => {
    it('when issued, the file holds the entry with unix-seconds expiry and mechanisms', async () => {
      await table.issue({ token: 't1', user: 'alice', host: 'm.test' });
      await table.issue({
        token: 't2',
        user: 'bob',
        host: 'g.test',
        expiresAt: new Date(1_700_000_000_500),
        mechanisms: ['X-OAUTH2'],
      });
      expect(await onDisk()).toEqual({
        t1: { user: 'alice', host: 'm.test', expires: null },
        t2: { user: 'bob', host: 'g.test', expires: 1_700_000_000.5, mechanisms: ['X-OAUTH2'] },
      });
    });

    it('when many changes are made without awaiting, they are written in order, no temp file left', async () => {
      const writes = [];
      for (let i = 0; i < 20; i++)
        writes.push(table.issue({ token: `t${i}`, user: 'u', host: 'h' }));
      writes.push(table.revoke('t0'));
      await Promise.all(writes);
      expect(Object.keys((await onDisk()) as object)).toHaveLength(19);
      expect(readdirSync(dirname(table.file))).toEqual(['tokens.json']);
    });
  });

  describe('.revoke and .expire', () => {
    it('when revoked, the entry is gone; when expired, its expiry is in the past', async () => {
      await table.issue({ token: 'a', user: 'u', host: 'h' });
      await table.issue({ token: 'b', user: 'u', host: 'h' });
      await table.revoke('a');
      await table.expire('b');
      const entries = table.entries();
      expect(entries.a).toBeUndefined();
      expect(entries.b?.expires).toBeLessThan(Date.now() / 1000);
      expect(await onDisk()).toEqual(entries);
    });

    it('when expiring a token never issued, rejects with SB_CONFIG_INVALID', async () => {
      await expect(table.expire('nope')).rejects.toMatchObject({ code: 'SB_CONFIG_INVALID' });
    });
  });

  describe('.remove', () => {
    it('when removed, its own folder is gone; removing twice is fine', async () => {
      await table.remove();
      await table.remove();
      expect(existsSync(dirname(table.file))).toBe(false);
    });
  });
});
