import { SwitchboardError } from '../../errors/SwitchboardError';
import type { SessionLiveness } from '../../plugins/ProtocolPlugin';
import type { LivenessOptions } from './LivenessOptions';

/** The shortest check interval, so tiny test settings do not spin. */
const MIN_TICK_MS = 25;

/**
 * Watches one session: sends keepalives after outbound silence, probes after inbound silence,
 * and aborts the session with SB_CONNECTION_LOST when a probe goes unanswered. One timer, no
 * state beyond the probe in flight; the account owns the rest. Once stopped it holds nothing of
 * the session, so a stopped monitor kept by its account does not keep a closed connection alive.
 */
export class LivenessMonitor {
  /** The watched session; undefined once stopped. */
  #session: SessionLiveness | undefined;
  readonly #options: LivenessOptions;
  readonly #timer: ReturnType<typeof setInterval>;
  #probing = false;

  constructor(session: SessionLiveness, options: LivenessOptions) {
    this.#session = session;
    this.#options = options;
    const tick = Math.max(MIN_TICK_MS, Math.min(options.keepaliveMs, options.probeAfterMs) / 4);
    this.#timer = setInterval(() => this.#check(), tick);
    // Sockets keep the process alive while sessions are open; the monitor never should.
    this.#timer.unref?.();
  }

  /** Stops watching and lets go of the session. Idempotent. */
  stop(): void {
    this.#session = undefined;
    clearInterval(this.#timer);
  }

  #check(): void {
    const session = this.#session;
    if (this.#probing || session === undefined) return;
    const now = Date.now();
    const { keepaliveMs, probeAfterMs, keepalive } = this.#options;
    const silentFor = now - session.lastReceivedAt();
    if (silentFor >= probeAfterMs) {
      this.#probe(session, silentFor);
      return;
    }
    if (now - session.lastSentAt() < keepaliveMs) return;
    if (keepalive === 'probe') this.#probe(session, silentFor);
    else session.keepalive();
  }

  #probe(session: SessionLiveness, silentFor: number): void {
    this.#probing = true;
    const { probeTimeoutMs } = this.#options;
    session.probe(probeTimeoutMs).then(
      () => {
        this.#probing = false;
      },
      (cause: unknown) => {
        this.#probing = false;
        if (this.#session !== session) return;
        this.stop();
        session.abort(
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
