import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwitchboardError } from '@switchboard/core';
import { type TokenEntry, writeTokenTable } from './writeTokenTable';

/** A token to accept, as {@link TokenTable.issue} takes it. */
export interface TokenGrant {
  /** The token text exactly as the client sends it. */
  readonly token: string;
  /** The local part of the JID it logs in as, e.g. `alice`. */
  readonly user: string;
  /** The virtual host it is valid on, e.g. `messenger.test`. */
  readonly host: string;
  /** When it stops being accepted. Default never. */
  readonly expiresAt?: Date;
  /** SASL mechanisms it is valid for, e.g. `['X-OAUTH2']`. Default any. */
  readonly mechanisms?: readonly string[];
}

/**
 * The tokens the emulated providers accept, kept in a JSON file the Prosody modules read
 * (`sb_token_file`). Every change rewrites the file atomically and is seen by the next login;
 * no restart needed. Changes are written in call order.
 */
export class TokenTable {
  readonly #entries = new Map<string, TokenEntry>();
  readonly #ownDir: string | undefined;
  #writing: Promise<void> = Promise.resolve();

  private constructor(
    /** The JSON file: pass it as `tokenFile` to {@link withProviders}. */
    readonly file: string,
    ownDir: string | undefined,
  ) {
    this.#ownDir = ownDir;
  }

  /**
   * Creates an empty table in `file`, or in a new temporary folder when `file` is omitted
   * (removed again by {@link TokenTable.remove}).
   */
  static async create(file?: string): Promise<TokenTable> {
    const ownDir =
      file === undefined ? await mkdtemp(join(tmpdir(), 'switchboard-tokens-')) : undefined;
    const table = new TokenTable(file ?? join(ownDir ?? '', 'tokens.json'), ownDir);
    await table.#save();
    return table;
  }

  /** Accepts `grant.token` from now on (replacing an earlier grant of the same token). */
  issue(grant: TokenGrant): Promise<void> {
    const entry: TokenEntry = {
      user: grant.user,
      host: grant.host,
      expires: grant.expiresAt === undefined ? null : grant.expiresAt.getTime() / 1000,
      ...(grant.mechanisms === undefined ? {} : { mechanisms: [...grant.mechanisms] }),
    };
    this.#entries.set(grant.token, entry);
    return this.#save();
  }

  /** Forgets `token`: the server answers "unknown token" for it. */
  revoke(token: string): Promise<void> {
    this.#entries.delete(token);
    return this.#save();
  }

  /** Makes `token` expired as of now: the server answers "token expired" for it. */
  expire(token: string): Promise<void> {
    const entry = this.#entries.get(token);
    if (entry === undefined) {
      return Promise.reject(
        new SwitchboardError('SB_CONFIG_INVALID', 'expire(): the token was never issued.'),
      );
    }
    this.#entries.set(token, { ...entry, expires: Math.floor(Date.now() / 1000) - 1 });
    return this.#save();
  }

  /** A copy of the table as written to the file. */
  entries(): Record<string, TokenEntry> {
    return Object.fromEntries(this.#entries);
  }

  /** Deletes the file (and the temporary folder {@link TokenTable.create} made). Idempotent. */
  async remove(): Promise<void> {
    await this.#writing.catch(() => undefined);
    await rm(this.#ownDir ?? this.file, { recursive: true, force: true });
  }

  #save(): Promise<void> {
    const write = this.#writing
      .catch(() => undefined)
      .then(() => writeTokenTable(this.file, Object.fromEntries(this.#entries)));
    this.#writing = write;
    return write;
  }
}
