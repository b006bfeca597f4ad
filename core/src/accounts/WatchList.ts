/**
 * The watch list of one account (capability `watch`, IRC `MONITOR`): the addresses whose presence
 * the account follows without their approval and without a server-side contact list. The
 * account holds it, not a session: it survives reconnects, is handed to every login
 * (`SessionRequest.watch`), and changes reach the live session (`ProtocolSession.watch` and
 * `unwatch`). See docs/architecture.md, "What a protocol plugin must implement".
 */
import { SwitchboardError } from '../errors/SwitchboardError';
import type { ProtocolSession, SessionRequest } from '../plugins/ProtocolPlugin';
import type { OperationGate } from './OperationGate';

/** What the list needs of its account. */
export interface WatchListOwner {
  /** The addresses the account config seeds the list with (`AccountConfig.watch`). */
  readonly seed: readonly string[] | undefined;
  /** Throws SB_ADDRESS_INVALID naming `field` unless `address` is valid on the protocol. */
  readonly checkAddress: (address: string, field: string) => void;
  readonly gate: OperationGate;
  /** The account's online session, if any. */
  readonly current: () => ProtocolSession | undefined;
  /** Reports an error no caller awaits (the account's `error` event). */
  readonly report: (error: SwitchboardError) => void;
}

/** The account's watch list; see the module header. */
export class WatchList {
  readonly #addresses = new Set<string>();
  readonly #owner: WatchListOwner;
  /** What the latest login was given: what the session follows when it comes online. */
  #given: readonly string[] = [];

  /**
   * Seeds the list from `owner.seed`, each address checked (SB_ADDRESS_INVALID naming
   * `watch.<index>`); a non-empty seed needs the `watch` capability (SB_CAPABILITY_UNSUPPORTED,
   * unless the account turned enforcement off).
   */
  constructor(owner: WatchListOwner) {
    this.#owner = owner;
    const seed = owner.seed ?? [];
    for (const [index, address] of seed.entries()) owner.checkAddress(address, `watch.${index}`);
    if (seed.length > 0) owner.gate.require('watch');
    for (const address of seed) this.#addresses.add(address);
  }

  /** The watched addresses, in the order they were added. */
  get addresses(): readonly string[] {
    return [...this.#addresses];
  }

  /**
   * Adds `address` (a no-op when it is there). Online, the session follows it first (a
   * rejection leaves the list unchanged); otherwise only the list changes and the next session
   * gets it at login.
   */
  async watch(address: string): Promise<void> {
    this.#owner.checkAddress(address, 'contact');
    this.#owner.gate.require('watch');
    if (this.#addresses.has(address)) return;
    if (this.#owner.current() !== undefined) {
      await this.#owner.gate.call('watch', 'watch', 'watch', [address]);
    }
    this.#addresses.add(address);
  }

  /**
   * Removes `address` (a no-op when it is not there). Online, the session stops following it
   * first (a rejection leaves the list unchanged); otherwise only the list changes.
   */
  async unwatch(address: string): Promise<void> {
    this.#owner.checkAddress(address, 'contact');
    if (!this.#addresses.has(address)) return;
    if (this.#owner.current() !== undefined) {
      await this.#owner.gate.call('watch', 'unwatch', 'unwatch', [address]);
    }
    this.#addresses.delete(address);
  }

  /** Opens a session through `open` with the current list in the request (when not empty). */
  open(
    request: SessionRequest,
    open: (request: SessionRequest) => Promise<ProtocolSession>,
  ): Promise<ProtocolSession> {
    const given = this.addresses;
    this.#given = given;
    return open(given.length === 0 ? request : { ...request, watch: given });
  }

  /**
   * The session that got the latest login is online: applies to it what changed in the list
   * while it was opening. A failure is reported (the list keeps the address; the next login
   * gives it again).
   */
  online(): void {
    const given = this.#given;
    const added = [...this.#addresses].filter((address) => !given.includes(address));
    const removed = given.filter((address) => !this.#addresses.has(address));
    const { gate, report } = this.#owner;
    const failed = (error: unknown): void => {
      report(
        SwitchboardError.is(error)
          ? error
          : new SwitchboardError('SB_CAPABILITY_REFUSED', undefined, {
              cause: error,
              details: { capability: 'watch' },
            }),
      );
    };
    if (added.length > 0) gate.call('watch', 'watch', 'watch', added).catch(failed);
    if (removed.length > 0) gate.call('watch', 'unwatch', 'unwatch', removed).catch(failed);
  }
}
