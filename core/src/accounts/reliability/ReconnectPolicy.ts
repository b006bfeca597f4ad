import { SwitchboardError } from '../../errors/SwitchboardError';

/** How an account reconnects after its session was lost. */
export interface ReconnectOptions {
  /** Delay before the first attempt, in ms. Default 1,000. */
  readonly initialDelayMs: number;
  /** Upper bound of any delay, in ms. Default 60,000. */
  readonly maxDelayMs: number;
  /** Each failed attempt multiplies the delay by this. Default 2. */
  readonly factor: number;
  /**
   * Share of each delay that is random, 0..1. Default 0.5: a delay lies between half and all of
   * the exponential value, so accounts that lost one server do not come back in lockstep.
   */
  readonly jitter: number;
  /** Attempts before giving up with SB_RECONNECT_GAVE_UP. Default: unlimited. */
  readonly maxAttempts: number;
  /**
   * A session must stay up this long, in ms, before the backoff starts again from
   * `initialDelayMs`. Default 30,000: a server that accepts the login and then drops the
   * connection (or closes the stream) at once gets ever longer delays, not a reconnect storm.
   */
  readonly stableAfterMs: number;
}

/** The defaults of {@link ReconnectOptions}. */
export const reconnectDefaults: ReconnectOptions = {
  initialDelayMs: 1_000,
  maxDelayMs: 60_000,
  factor: 2,
  jitter: 0.5,
  maxAttempts: Number.POSITIVE_INFINITY,
  stableAfterMs: 30_000,
};

/**
 * The delay before attempt `attempt` (1-based): exponential, capped, with the random share
 * `jitter` taken off. `random` returns a number in [0, 1).
 */
export function backoffDelay(
  attempt: number,
  options: ReconnectOptions,
  random: () => number = Math.random,
): number {
  const exponential = options.initialDelayMs * options.factor ** Math.max(0, attempt - 1);
  const capped = Math.min(options.maxDelayMs, exponential);
  return Math.round(capped * (1 - options.jitter * random()));
}

/** Stream error conditions that say "try again later" rather than "this will never work". */
const TRANSIENT_STREAM_CONDITIONS = new Set([
  'connection-timeout',
  'internal-server-error',
  'policy-violation',
  'remote-connection-failed',
  'reset',
  'resource-constraint',
  'system-shutdown',
  'undefined-condition',
]);

const TRANSIENT_CODES = new Set([
  'SB_CONNECTION_FAILED',
  'SB_CONNECTION_CLOSED',
  'SB_CONNECTION_LOST',
  'SB_TIMEOUT',
]);

/**
 * Whether losing a session (or failing to get one back) with `error` is worth another attempt.
 * Authentication, TLS and protocol violations are not: retrying cannot fix them, and a
 * `conflict` (another login replaced this one) would make two clients take turns forever.
 */
export function isTransient(error: SwitchboardError | undefined): boolean {
  if (error === undefined) return true;
  // A plugin that knows better says so (e.g. a stream error caused by one stanza it can isolate).
  if (typeof error.details.retryable === 'boolean') return error.details.retryable;
  if (TRANSIENT_CODES.has(error.code)) return true;
  if (error.code !== 'SB_STREAM_ERROR') return false;
  const { condition } = error.details;
  return typeof condition === 'string' && TRANSIENT_STREAM_CONDITIONS.has(condition);
}

/** Checks reconnect settings; SB_CONFIG_INVALID names the bad field. */
export function resolveReconnect(
  settings: Partial<ReconnectOptions> | false | undefined,
): ReconnectOptions | undefined {
  if (settings === false) return undefined;
  const options = { ...reconnectDefaults, ...settings };
  const bad = (field: string, rule: string): never => {
    throw new SwitchboardError('SB_CONFIG_INVALID', `reconnect.${field} must be ${rule}.`, {
      details: { field: `reconnect.${field}` },
    });
  };
  if (!(options.initialDelayMs >= 0)) bad('initialDelayMs', '>= 0');
  if (!(options.maxDelayMs >= options.initialDelayMs)) bad('maxDelayMs', '>= initialDelayMs');
  if (!(options.factor >= 1)) bad('factor', '>= 1');
  if (!(options.jitter >= 0 && options.jitter <= 1)) bad('jitter', 'between 0 and 1');
  if (!(options.maxAttempts >= 1)) bad('maxAttempts', '>= 1');
  if (!(options.stableAfterMs >= 0)) bad('stableAfterMs', '>= 0');
  return options;
}
