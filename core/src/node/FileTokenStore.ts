import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TokenStore } from '../credentials/TokenStore';
import { SwitchboardError } from '../errors/SwitchboardError';
import type { TokenSet } from '../oauth/TokenSet';

type Contents = Record<string, TokenSet>;

function failed(action: string, file: string, cause: unknown): SwitchboardError {
  return new SwitchboardError(
    'SB_TOKEN_STORE_FAILED',
    `Could not ${action} the token file ${file}.`,
    {
      cause,
      details: { file },
    },
  );
}

/**
 * Keeps tokens in one JSON file readable by its owner only (mode 0600, directory 0700 when it
 * creates it). Every write goes to a temporary file that is renamed over the old one, so a reader
 * or a crash never sees half a file. Writes from one store are serialised.
 */
export class FileTokenStore implements TokenStore {
  readonly file: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    this.file = file;
  }

  async get(accountId: string): Promise<TokenSet | undefined> {
    await this.#queue;
    return (await this.#read())[accountId];
  }

  set(accountId: string, tokens: TokenSet): Promise<void> {
    return this.#update((all) => {
      all[accountId] = tokens;
    });
  }

  delete(accountId: string): Promise<void> {
    return this.#update((all) => {
      delete all[accountId];
    });
  }

  #update(change: (all: Contents) => void): Promise<void> {
    const run = this.#queue.then(async () => {
      const all = await this.#read();
      change(all);
      await this.#write(all);
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #read(): Promise<Contents> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw failed('read', this.file, error);
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      return parsed as Contents;
    } catch (error) {
      throw failed('parse', this.file, error);
    }
  }

  async #write(all: Contents): Promise<void> {
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFile(temp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
      await chmod(temp, 0o600);
      await rename(temp, this.file);
    } catch (error) {
      await rm(temp, { force: true });
      throw failed('write', this.file, error);
    }
  }
}
