/**
 * Opens one IRC session: the connection (TLS, or plain TCP upgraded through STS), registration
 * with SASL, then the session with what the previous one left.
 */
import type {
  OutboundPresence,
  SaslCredentials,
  SaslRegistry,
  ScramKeyCache,
  SelectionPolicy,
  SessionRequest,
  SessionSink,
} from '@switchboard/core';
import { register } from '../registration/register';
import type { StsPolicies } from '../registration/StsPolicies';
import type { IrcContinuation } from '../session/IrcContinuation';
import { IrcSession } from '../session/IrcSession';
import { floodOptions } from './floodOptions';
import { IrcConnection } from './IrcConnection';
import type { IrcEndpoint } from './ircEndpoint';
import { openSocket } from './openSocket';

/** Everything one login needs. */
export interface OpenIrcOptions {
  readonly endpoint: IrcEndpoint;
  readonly sts: StsPolicies;
  readonly registry: SaslRegistry;
  readonly credentials: SaslCredentials;
  readonly clientCertificate: { readonly cert: string; readonly key: string } | undefined;
  readonly policy: Omit<SelectionPolicy, 'secure' | 'allowInsecure'>;
  readonly username: string;
  readonly realname: string;
  readonly flood: string | undefined;
  readonly timeoutMs: number;
  readonly sink: SessionSink;
  readonly log: SessionRequest['log'];
  readonly signal: AbortSignal | undefined;
  readonly continuation: IrcContinuation | undefined;
  readonly initialPresence: OutboundPresence | false;
  /** The account's watch list, sent as the session's MONITOR list. */
  readonly watch: readonly string[];
  /** The account's SCRAM key cache (`SessionRequest.memory`), so a reconnect skips PBKDF2. */
  readonly scramKeys: ScramKeyCache | undefined;
}

/** Connects, registers and returns the live session; throws a coded error otherwise. */
export async function openIrcSession(options: OpenIrcOptions): Promise<IrcSession> {
  const { endpoint, sts } = options;
  const flood = floodOptions(options.flood);
  const policy = endpoint.tls === 'starttls' ? sts.get(endpoint.host) : undefined;
  let target = {
    port: policy?.port ?? endpoint.port,
    tls: endpoint.tls === 'direct' || policy !== undefined,
  };
  for (;;) {
    const socket = await openSocket({
      host: endpoint.host,
      port: target.port,
      tls: target.tls,
      servername: endpoint.servername,
      ca: endpoint.ca,
      clientCertificate: options.clientCertificate,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    const connection = new IrcConnection({ socket, flood, log: options.log });
    try {
      const result = await register({
        connection,
        secure: target.tls,
        allowInsecure: endpoint.allowInsecure,
        nick: endpoint.nick,
        username: options.username,
        realname: options.realname,
        registry: options.registry,
        credentials: options.credentials,
        policy: options.policy,
        sink: options.sink,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        saslServer: endpoint.host,
        scramKeys: options.scramKeys,
      });
      if (result.kind === 'upgrade') {
        // Only a plain connection is sent on: the next one is TLS, and registers or fails.
        connection.close();
        target = { port: result.port, tls: true };
        continue;
      }
      // A policy counts only when it came over TLS: over plain text anyone could have sent it.
      const offeredSts = result.offered.get('sts');
      if (offeredSts !== undefined && target.tls) sts.learn(endpoint.host, target.port, offeredSts);
      const session = new IrcSession({
        connection,
        registered: result,
        network: endpoint.network,
        sink: options.sink,
        continuation: options.continuation,
        timeoutMs: options.timeoutMs,
      });
      // A server without MONITOR leaves the list unsent; the account's `watch` capability is off.
      if (options.watch.length > 0 && session.features.includes('MONITOR')) {
        await session.watch(options.watch);
      }
      if (options.initialPresence !== false) {
        const { availability } = options.initialPresence;
        if (availability !== undefined && availability !== 'available') {
          await session.sendPresence(options.initialPresence);
        }
      }
      return session;
    } catch (error) {
      connection.close();
      throw error;
    }
  }
}
