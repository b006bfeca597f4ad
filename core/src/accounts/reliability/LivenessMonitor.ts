import { SwitchboardError } from '../../errors/SwitchboardError';
import type { SessionLiveness } from '../../plugins/ProtocolPlugin';
import type { LivenessOptions } from './LivenessOptions';

/** The shortest check interval, so tiny test settings do not spin. */
const MIN_TICK_MS = 25;

/**
 * Watches one session: sends keepalives after outbound silence, probes after inbound silence,
 * and aborts the session with SB_CONNECTION_LOST when a probe goes unanswered. One timer, no
 * state beyond the probe in flight; the account owns the rest.
 */
export class LivenessMonitor {
  readonly #session: SessionLiveness;
  readonly #options: LivenessOptions;
  readonly #timer: ReturnType<typeof setInterval>;
  #probing = false;
  #stopped = false;

  constructor(session: SessionLiveness, options: LivenessOptions) {
    this.#session = session;
    this.#options = options;
    const tick = Math.max(MIN_TICK_MS, Math.min(options.keepaliveMs, options.probeAfterMs) / 4);
    this.#timer = setInterval(() => this.#check(), tick);
    // Sockets keep the process alive while sessions are open; the monitor never should.
    this.#timer.unref?.();
  }

  /** Stops watching. Idempotent. */
  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
  }

  #check(): void {
    if (this.#probing || this.#stopped) return;
    const now = Date.now();
    const { keepaliveMs, probeAfterMs, keepalive } = this.#options;
    const silentFor = now - this.#session.lastReceivedAt();
    if (silentFor >= probeAfterMs) {
      this.#probe(silentFor);
      return;
    }
    if (now - this.#session.lastSentAt() < keepaliveMs) return;
    if (keepalive === 'probe') this.#probe(silentFor);
    else this.#session.keepalive();
  }

  #probe(silentFor: number): void {
    this.#probing = true;
    const { probeTimeoutMs } = this.#options;
    this.#session.probe(probeTimeoutMs).then(
      () => {
        this.#probing = false;
      },
      (cause: unknown) => {
        this.#probing = false;
        if (this.#stopped) return;
        this.stop();
        this.#session.abort(
          new SwitchboardError(
            'SB_CONNECTION_LOST',
            `The server did not answer a probe within ${probeTimeoutMs} ms after ${silentFor} ms of silence; the connection was closed.`,
            { cause, details: { silentMs: silentFor, probeTimeoutMs } },
          ),
        );
      },
    );
  }
}
