/**
 * The extensions of one account (`Account.use`): kept for every session the account opens, and
 * attached to the live one at once. See docs/profile-authoring.md, "Extensions".
 */
import { SwitchboardError } from '../errors/SwitchboardError';
import type { ProfilePlugin, ProtocolSession, SessionRequest } from '../plugins/ProtocolPlugin';
import type { SessionExtension } from '../plugins/SessionExtension';

export type { SessionExtension };

function invalid(message: string, extension: string | undefined, reason: string): SwitchboardError {
  return new SwitchboardError('SB_EXTENSION_INVALID', message, {
    details: { ...(extension === undefined ? {} : { extension }), reason },
  });
}

/** Throws SB_EXTENSION_INVALID unless `plugin` can take `extension`. */
function checkExtension(plugin: ProfilePlugin, extension: SessionExtension): void {
  const { protocol, name } = (extension ?? {}) as Partial<SessionExtension>;
  if (typeof protocol !== 'string' || typeof name !== 'string' || name === '') {
    throw invalid(
      'An extension needs a `protocol` and a non-empty `name`.',
      typeof name === 'string' ? name : undefined,
      'shape',
    );
  }
  const { id, protocol: own } = plugin.profile;
  if (protocol !== own) {
    throw invalid(
      `The extension ${name} is written for ${protocol}; the profile ${id} speaks ${own}.`,
      name,
      'protocol',
    );
  }
  if (plugin.checkExtension === undefined) {
    throw invalid(`The profile ${id} takes no extensions.`, name, 'unsupported');
  }
  plugin.checkExtension(extension);
}

/**
 * The account's extension list: handed to every session the account opens (through
 * {@link open}), attached to the live one at once. Holds no session: what detaches an extension
 * from a session is kept in a `WeakMap` keyed by that session, so a closed session is freed.
 */
export class AccountExtensions {
  readonly #plugin: ProfilePlugin;
  /** The account's online session, if any. */
  readonly #current: () => ProtocolSession | undefined;
  readonly #list: SessionExtension[] = [];
  readonly #detach = new WeakMap<ProtocolSession, Map<SessionExtension, () => void>>();

  constructor(plugin: ProfilePlugin, current: () => ProtocolSession | undefined) {
    this.#plugin = plugin;
    this.#current = current;
  }

  /**
   * Adds `extension`: attached to the live session now (if there is one), and to every later
   * one. Throws SB_EXTENSION_INVALID (wrong protocol, duplicate name, a profile without
   * extensions) or what attaching it threw; nothing is kept then. Returns what removes it.
   */
  use(extension: SessionExtension): () => void {
    checkExtension(this.#plugin, extension);
    if (this.#list.some((e) => e.name === extension.name)) {
      throw invalid(
        `An extension named ${extension.name} is in use on this account already.`,
        extension.name,
        'duplicate',
      );
    }
    const live = this.#current();
    if (live !== undefined) this.#attach(live, extension);
    this.#list.push(extension);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.#list.splice(this.#list.indexOf(extension), 1);
      const session = this.#current();
      if (session === undefined) return;
      this.#detach.get(session)?.get(extension)?.();
      this.#detach.get(session)?.delete(extension);
    };
  }

  /**
   * Opens a session through the plugin with the account's extensions in the request. The list
   * may change while the session opens: what was added since is attached, what was removed
   * since is detached. An extension that fails to attach then is reported to the sink
   * (`extensionFailed`); the session goes on without it.
   */
  async open(request: SessionRequest): Promise<ProtocolSession> {
    const given = [...this.#list];
    const session = await this.#plugin.open(
      given.length === 0 ? request : { ...request, extensions: given },
    );
    for (const extension of new Set([...given, ...this.#list])) {
      try {
        const detach = this.#attach(session, extension);
        if (!this.#list.includes(extension)) {
          detach?.();
          this.#detach.get(session)?.delete(extension);
        }
      } catch (error) {
        request.sink.extensionFailed?.(
          SwitchboardError.is(error)
            ? error
            : new SwitchboardError('SB_EXTENSION_FAILED', undefined, {
                cause: error,
                details: { extension: extension.name },
              }),
        );
      }
    }
    return session;
  }

  /** Attaches `extension` to `session` (a no-op if it is there), keeping what detaches it. */
  #attach(session: ProtocolSession, extension: SessionExtension): (() => void) | undefined {
    const detach = session.use?.(extension);
    if (detach === undefined) return undefined;
    let known = this.#detach.get(session);
    if (known === undefined) {
      known = new Map();
      this.#detach.set(session, known);
    }
    known.set(extension, detach);
    return detach;
  }
}
