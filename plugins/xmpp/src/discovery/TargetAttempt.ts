import { SwitchboardError, type TlsMode } from '@switchboard/core';
import type { FailedLookup } from './discoverTargets';

/** One target that was tried and failed: where, and why (codes only, no server text). */
export interface TargetAttempt {
  readonly host: string;
  readonly port: number;
  readonly tls: TlsMode;
  /** The error code of the failure, e.g. SB_CONNECTION_FAILED, SB_TLS_FAILED, SB_DNS_FAILED. */
  readonly code: string;
  /** The lower-level code when there is one, e.g. `ECONNREFUSED`, `ERR_TLS_CERT_ALTNAME_INVALID`. */
  readonly reason?: string;
}

/** Failures that may pass with time: the network, a server restarting, DNS not answering. */
const TRANSIENT = new Set(['SB_CONNECTION_FAILED', 'SB_CONNECTION_CLOSED', 'SB_TIMEOUT']);

function retryable(attempt: TargetAttempt, error: SwitchboardError | undefined): boolean {
  if (attempt.code === 'SB_DNS_FAILED') return error?.details.retryable === true;
  return TRANSIENT.has(attempt.code);
}

/** The attempt record of `error` on `target`. */
export function attemptOf(
  target: { readonly host: string; readonly port: number; readonly tls: TlsMode },
  error: SwitchboardError,
): TargetAttempt {
  const reason = error.details.code;
  return {
    host: target.host,
    port: target.port,
    tls: target.tls,
    code: error.code,
    ...(typeof reason === 'string' ? { reason } : {}),
  };
}

const describe = (a: TargetAttempt): string =>
  `${a.host}:${a.port} (${a.tls}): ${a.code}${a.reason === undefined ? '' : ` ${a.reason}`}`;

/**
 * The error once every target failed: SB_DNS_FAILED when none of them had an address,
 * SB_INSECURE_NOT_LOOPBACK when insecure loopback is allowed and none was on loopback, else
 * SB_CONNECTION_FAILED. `details.attempts` lists each target and why it failed,
 * `details.retryable` whether any failure may pass with time (the account's reconnect policy
 * reads it), and `cause` is the last failure.
 */
export function allTargetsFailed(
  domain: string,
  attempts: readonly TargetAttempt[],
  errors: readonly SwitchboardError[],
  failedLookups: readonly FailedLookup[],
): SwitchboardError {
  // One reason for every target is that reason; mixed ones are a failed connection.
  const first = attempts[0]?.code;
  const same = attempts.every((a) => a.code === first);
  const noAddress = same && first === 'SB_DNS_FAILED';
  const insecure = same && first === 'SB_INSECURE_NOT_LOOPBACK';
  const details = {
    domain,
    attempts,
    ...(failedLookups.length === 0 ? {} : { lookups: failedLookups }),
    retryable: attempts.some((a, i) => retryable(a, errors[i])),
  };
  const list = attempts.map(describe).join('; ');
  if (noAddress || insecure) {
    return new SwitchboardError(
      noAddress ? 'SB_DNS_FAILED' : 'SB_INSECURE_NOT_LOOPBACK',
      noAddress
        ? `No server of ${domain} could be found in DNS: ${list}.`
        : `allowInsecureLoopback is set but no server of ${domain} is on loopback: ${list}.`,
      { cause: errors.at(-1), details },
    );
  }
  return new SwitchboardError(
    'SB_CONNECTION_FAILED',
    `None of the ${attempts.length} servers of ${domain} could be reached: ${list}.`,
    { cause: errors.at(-1), details },
  );
}
