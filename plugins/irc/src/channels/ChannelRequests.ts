/**
 * Channel requests waiting for the server: each is settled by the reply that names its channel
 * (or carries its `label`), rejected after the session's timeout, or failed when the
 * connection closes.
 */
import type { SwitchboardError } from '@switchboard/core';
import { channelTimeout } from './channelErrors';

/** What a request asked for. */
export type RequestKind = 'join' | 'part' | 'topic' | 'invite';

interface Waiter {
  readonly kind: RequestKind;
  /** The folded channel name. */
  readonly key: string;
  /** The channel as the request named it. */
  readonly room: string;
  readonly label: string | undefined;
  readonly resolve: () => void;
  readonly reject: (error: SwitchboardError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** The pending channel requests of one session. */
export class ChannelRequests {
  readonly #waiters: Waiter[] = [];
  readonly #timeoutMs: number;
  #labels = 0;

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  /** A fresh `label` tag value for a request line. */
  label(): string {
    return `sbc${++this.#labels}`;
  }

  /** True while a request of `kind` for channel `key` waits. */
  has(kind: RequestKind, key: string): boolean {
    return this.#waiters.some((w) => w.kind === kind && w.key === key);
  }

  /** Waits for `kind` on channel `key` (named `room` in a timeout) to be settled. */
  wait(kind: RequestKind, key: string, room: string, label: string | undefined): Promise<void> {
    const waiting = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#remove(waiter);
        reject(channelTimeout(kind, room, this.#timeoutMs));
      }, this.#timeoutMs);
      const waiter: Waiter = { kind, key, room, label, resolve, reject, timer };
      this.#waiters.push(waiter);
    });
    // The answer may come while the request line is still being written: not unhandled.
    waiting.catch(() => undefined);
    return waiting;
  }

  /** Resolves the oldest request of `kind` for `key`; false when none waits. */
  resolve(kind: RequestKind, key: string): boolean {
    const waiter = this.#waiters.find((w) => w.kind === kind && w.key === key);
    if (waiter === undefined) return false;
    this.#remove(waiter);
    waiter.resolve();
    return true;
  }

  /**
   * Rejects the request a refusal answers: the one with `label`, else the oldest of `kinds` for
   * `key`. False when none matches.
   */
  reject(
    kinds: readonly RequestKind[],
    key: string | undefined,
    label: string | undefined,
    error: (kind: RequestKind, room: string) => SwitchboardError,
  ): boolean {
    const waiter =
      (label === undefined ? undefined : this.#waiters.find((w) => w.label === label)) ??
      this.#waiters.find((w) => kinds.includes(w.kind) && w.key === key);
    if (waiter === undefined || !kinds.includes(waiter.kind)) return false;
    this.#remove(waiter);
    waiter.reject(error(waiter.kind, waiter.room));
    return true;
  }

  /** The folded channel of the request sent with `label`, if one waits. */
  keyOfLabel(label: string | undefined): string | undefined {
    return this.sentWith(label)?.key;
  }

  /** The request sent with `label`, if it waits: its kind, folded channel and channel name. */
  sentWith(
    label: string | undefined,
  ): { readonly kind: RequestKind; readonly key: string; readonly room: string } | undefined {
    if (label === undefined) return undefined;
    return this.#waiters.find((w) => w.label === label);
  }

  /** Rejects every request: the connection is gone. */
  fail(error: SwitchboardError): void {
    for (const waiter of this.#waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
  }

  #remove(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    const at = this.#waiters.indexOf(waiter);
    if (at !== -1) this.#waiters.splice(at, 1);
  }
}
