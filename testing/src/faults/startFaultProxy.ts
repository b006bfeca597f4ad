import { connect, createServer } from 'node:net';
import { resetSocket } from '../net/resetSocket';
import type { ConnectionSelector, FaultProxy, FaultProxyOptions } from './FaultProxy';
import { ProxiedConnection } from './ProxiedConnection';

const HOST = '127.0.0.1';

function choose(all: readonly ProxiedConnection[], which: ConnectionSelector): ProxiedConnection[] {
  const live = all.filter((c) => !c.closed);
  if (which === 'live') return live;
  if (which === 'latest') return live.slice(-1);
  const one = all[which];
  return one === undefined || one.closed ? [] : [one];
}

/**
 * Starts a {@link FaultProxy} on 127.0.0.1 and a free port, forwarding each connection to the
 * target. Always `close()` it.
 */
export function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const { targetHost, targetPort } = options;
  const settings = {
    downstream: options.downstream ?? 'pass',
    glueMs: options.glueMs ?? 20,
    record: options.record ?? true,
  } as const;
  const all: ProxiedConnection[] = [];
  const waiters = new Set<() => void>();
  let dropping = false;
  let refused = 0;

  const server = createServer({ allowHalfOpen: true }, (client) => {
    if (dropping) {
      refused += 1;
      client.on('error', () => undefined);
      resetSocket(client);
      return;
    }
    const upstream = connect({ host: targetHost, port: targetPort, allowHalfOpen: true });
    all.push(new ProxiedConnection(all.length, client, upstream, settings));
    for (const wake of waiters) wake();
  });

  const apply = (which: ConnectionSelector, act: (c: ProxiedConnection) => void): number[] =>
    choose(all, which).map((c) => {
      act(c);
      return c.index;
    });

  const proxy = (port: number): FaultProxy => ({
    host: HOST,
    port,
    connections: () => all.map((c) => c.info()),
    live: () => all.filter((c) => !c.closed).map((c) => c.info()),
    reset: (which = 'live') => apply(which, (c) => c.reset()),
    freeze: (which = 'live') => apply(which, (c) => c.freeze()),
    thaw: (which = 'live') => apply(which, (c) => c.thaw()),
    dropNew: (on) => {
      dropping = on;
    },
    refused: () => refused,
    recording: (index) => all[index]?.chunks() ?? [],
    text: (index, direction) =>
      Buffer.concat(
        (all[index]?.chunks() ?? []).filter((c) => c.direction === direction).map((c) => c.bytes),
      ).toString(),
    accepted: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const connection = all[count - 1];
          if (connection === undefined) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(connection.info());
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${all.length} of ${count} connections accepted in ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
    close: () =>
      new Promise<void>((done) => {
        for (const c of all) c.destroy();
        server.close(() => done());
      }),
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(proxy(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}
