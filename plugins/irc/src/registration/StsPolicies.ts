/**
 * IRCv3 Strict Transport Security (https://ircv3.net/specs/extensions/sts): a server that offers
 * `sts` on a plain connection names the TLS port to use instead; over TLS it sets how long every
 * later connection to that host must use TLS. Policies are kept per host, in memory, for the
 * life of the plugin.
 */

/** One host's policy. */
export interface StsPolicy {
  /** The TLS port to connect to. */
  readonly port: number;
  /** When the policy ends (`Date.now()` ms). */
  readonly expiresAt: number;
}

/** The `sts` value as key/value pairs (`port=6697,duration=300`). */
export function parseSts(value: string): { port?: number; duration?: number } {
  const out: { port?: number; duration?: number } = {};
  for (const item of value.split(',')) {
    const [key, raw] = item.split('=');
    const number = Number(raw);
    if (raw === undefined || !/^\d+$/.test(raw) || !Number.isSafeInteger(number)) continue;
    if (key === 'port' && number >= 1 && number <= 65535) out.port = number;
    if (key === 'duration') out.duration = number;
  }
  return out;
}

/** The STS policies learned so far, by host (lower case). */
export class StsPolicies {
  readonly #policies = new Map<string, StsPolicy>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** The policy in force for `host`, if any. */
  get(host: string): StsPolicy | undefined {
    const key = host.toLowerCase();
    const policy = this.#policies.get(key);
    if (policy !== undefined && policy.expiresAt <= this.#now()) {
      this.#policies.delete(key);
      return undefined;
    }
    return policy;
  }

  /**
   * Records the `sts` value a server offered over TLS on `port`: `duration=0` removes the
   * policy; a duration sets (or extends) it.
   */
  learn(host: string, port: number, value: string): void {
    const { duration } = parseSts(value);
    if (duration === undefined) return;
    const key = host.toLowerCase();
    if (duration === 0) this.#policies.delete(key);
    else this.#policies.set(key, { port, expiresAt: this.#now() + duration * 1000 });
  }
}
