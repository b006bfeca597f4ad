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

/** The account's extension list, and the plugin that hands it to each session it opens. */
export class AccountExtensions {
  readonly #plugin: ProfilePlugin;
  readonly #list: SessionExtension[] = [];
  /** The latest session the plugin opened, and how to detach each extension from it. */
  #session: ProtocolSession | undefined;
  #detach = new Map<SessionExtension, () => void>();
  /** `plugin`, whose `open` gives every session the account's extensions. */
  readonly plugin: ProfilePlugin;

  constructor(plugin: ProfilePlugin) {
    this.#plugin = plugin;
    const open = (request: SessionRequest): Promise<ProtocolSession> => this.#open(request);
    this.plugin = new Proxy(plugin, {
      get: (target, key) => {
        if (key === 'open') return open;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
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
    const detach = this.#session?.use?.(extension);
    this.#list.push(extension);
    if (detach !== undefined) this.#detach.set(extension, detach);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.#list.splice(this.#list.indexOf(extension), 1);
      this.#detach.get(extension)?.();
      this.#detach.delete(extension);
    };
  }

  async #open(request: SessionRequest): Promise<ProtocolSession> {
    const given = [...this.#list];
    const session = await this.#plugin.open(
      given.length === 0 ? request : { ...request, extensions: given },
    );
    this.#session = session;
    this.#detach = new Map();
    // The list may have changed while the session was opening: attach what was added since,
    // detach what was removed since.
    for (const extension of new Set([...given, ...this.#list])) {
      try {
        const detach = session.use?.(extension);
        if (!this.#list.includes(extension)) detach?.();
        else if (detach !== undefined) this.#detach.set(extension, detach);
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
}
