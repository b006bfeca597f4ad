/**
 * Tries an account's targets in order until one gives a session (RFC 6120 §3.2.1: "the
 * initiating entity MUST try the next target"). Only failures before authentication began
 * move on; an authentication failure, a stream error or anything after the login started is
 * the account's answer and ends the search.
 */
import { type SessionSink, SwitchboardError } from '@switchboard/core';
import { isLoopbackHost } from '@switchboard/core/transport';
import { abortedLogin } from '../connection/abortedLogin';
import type { Endpoint, EndpointPlan, Target } from '../connection/resolveEndpoint';
import { toSwitchboardError } from '../connection/toSwitchboardError';
import type { DnsResolver } from './DnsResolver';
import { type DiscoveredTargets, discoverTargets } from './discoverTargets';
import type { RandomSource } from './orderSrvRecords';
import { resolveAddresses, staticLookup } from './resolveAddresses';
import { allTargetsFailed, attemptOf, type TargetAttempt } from './TargetAttempt';
import { watchAuthentication } from './watchAuthentication';

/** Failures on the way to the server, before anything of the account was sent. */
const NEXT_TARGET = new Set([
  'SB_CONNECTION_FAILED',
  'SB_CONNECTION_CLOSED',
  'SB_TIMEOUT',
  'SB_TLS_FAILED',
]);

/** Options of {@link connectInOrder}. */
export interface ConnectInOrderOptions {
  readonly plan: EndpointPlan;
  readonly resolver: DnsResolver;
  /** Bounds each DNS lookup (and each connection attempt, in `open`). */
  readonly timeoutMs: number;
  /** The account's sink; each attempt gets it (watched for the start of authentication). */
  readonly sink: SessionSink;
  /** For RFC 2782's weighted random order; default `Math.random`. */
  readonly random?: RandomSource;
  /** Aborted when the account gives the login up: no further lookup or target is tried. */
  readonly signal?: AbortSignal | undefined;
}

/** Throws the abort reason (an SB_ABORTED error) once the login was given up. */
function checkNotAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw abortedLogin(signal.reason);
}

/** Opens a session on one endpoint (openXmppSession with the account's other options). */
export type OpenEndpoint<S> = (endpoint: Endpoint, sink: SessionSink) => Promise<S>;

async function targetsOf(options: ConnectInOrderOptions): Promise<DiscoveredTargets | Target> {
  const { plan } = options;
  if (plan.fixed !== undefined) return plan.fixed;
  return discoverTargets({
    domain: plan.domain,
    resolver: options.resolver,
    timeoutMs: options.timeoutMs,
    fallback: plan.fallback,
    ...(options.random === undefined ? {} : { random: options.random }),
  });
}

function insecureNotLoopback(target: Target): SwitchboardError {
  return new SwitchboardError(
    'SB_INSECURE_NOT_LOOPBACK',
    `allowInsecureLoopback is set but ${target.host} has addresses that are not loopback; insecure authentication is only allowed on loopback.`,
    { details: { host: target.host } },
  );
}

/** The endpoint of `target`: its addresses from the resolver, the plan's TLS settings. */
async function endpointOf(target: Target, options: ConnectInOrderOptions): Promise<Endpoint> {
  const { plan } = options;
  const addresses = await resolveAddresses(target.host, options.resolver, options.timeoutMs);
  const loopback = addresses.every((a) => isLoopbackHost(a.address));
  // Whatever address Happy Eyeballs picks, a credential in the clear stays on this machine.
  if (plan.allowInsecure && !loopback) throw insecureNotLoopback(target);
  return {
    domain: plan.domain,
    host: target.host,
    port: target.port,
    tls: target.tls,
    servername: plan.servername,
    ca: plan.ca,
    allowInsecure: plan.allowInsecure,
    lookup: staticLookup(addresses),
  };
}

/**
 * Finds the account's targets (the fixed one, or DNS SRV discovery) and opens a session on
 * the first that works. A fixed target's failure is thrown as it is. Discovered targets are
 * each tried in order: one that has no address, is refused, unreachable, times out, fails
 * TLS or closes before authentication began is recorded and the next is tried; when all
 * failed, SB_CONNECTION_FAILED (or SB_DNS_FAILED when none had an address) lists them in
 * `details.attempts`. Any other failure ends the search at once.
 */
export async function connectInOrder<S>(
  options: ConnectInOrderOptions,
  open: OpenEndpoint<S>,
): Promise<S> {
  const { signal } = options;
  const found = await targetsOf(options);
  checkNotAborted(signal);
  if (!('targets' in found)) {
    const endpoint = await endpointOf(found, options);
    checkNotAborted(signal);
    return open(endpoint, options.sink);
  }
  const attempts: TargetAttempt[] = [];
  const errors: SwitchboardError[] = [];
  for (const target of found.targets) {
    let endpoint: Endpoint;
    try {
      endpoint = await endpointOf(target, options);
    } catch (error) {
      const coded = toSwitchboardError(error, target);
      if (coded.code !== 'SB_DNS_FAILED' && coded.code !== 'SB_INSECURE_NOT_LOOPBACK') throw coded;
      attempts.push(attemptOf(target, coded));
      errors.push(coded);
      continue;
    }
    checkNotAborted(signal);
    const watched = watchAuthentication(options.sink);
    try {
      return await open(endpoint, watched.sink);
    } catch (error) {
      const coded = toSwitchboardError(error, target);
      if (watched.began() || !NEXT_TARGET.has(coded.code)) throw coded;
      attempts.push(attemptOf(target, coded));
      errors.push(coded);
    }
  }
  throw allTargetsFailed(options.plan.domain, attempts, errors, found.failedLookups);
}
