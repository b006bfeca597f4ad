/**
 * A small authoritative DNS server on loopback for tests: it serves the SRV, A and AAAA records
 * a test gives (RFC 1035 over UDP, and over TCP with a two-byte length on the same port), so
 * code with an injectable resolver is tested without touching the machine's resolver.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { decode, encode, type Packet } from 'dns-packet';
import { answerQuery, type IndexedZone, indexZone } from './answerQuery';
import { type DnsQuery, type DnsZone, zoneName } from './DnsZone';

/** A running test DNS server. */
export interface DnsServer {
  /** `'127.0.0.1'`. */
  readonly host: string;
  readonly port: number;
  /** `127.0.0.1:PORT`: what a resolver's `setServers` takes. */
  readonly address: string;
  /** Every question received so far, oldest first. */
  queries(): readonly DnsQuery[];
  /** Serves `zone` from now on instead of the current records. */
  setZone(zone: DnsZone): void;
  /** Closes both sockets and every TCP connection; idempotent. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

function bindUdp(): Promise<UdpSocket> {
  const udp = createSocket('udp4');
  return new Promise((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(0, HOST, () => {
      udp.off('error', reject);
      resolve(udp);
    });
  });
}

function listenTcp(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** A UDP socket and a TCP listener on the same free port (another try if TCP's is taken). */
async function bindBoth(server: Server): Promise<UdpSocket> {
  for (let attempt = 1; ; attempt++) {
    const udp = await bindUdp();
    try {
      await listenTcp(server, udp.address().port);
      return udp;
    } catch (error) {
      udp.close();
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 5) throw error;
    }
  }
}

function decoded(bytes: Buffer): ReturnType<typeof decode> | undefined {
  try {
    return decode(bytes);
  } catch {
    return undefined;
  }
}

/** Reads length-prefixed messages from one TCP connection and answers each. */
function serveTcp(socket: Socket, respond: (query: Buffer) => Packet | undefined): void {
  let pending = Buffer.alloc(0);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 2) {
      const length = pending.readUInt16BE(0);
      if (pending.length < 2 + length) break;
      const answer = respond(pending.subarray(2, 2 + length));
      pending = pending.subarray(2 + length);
      if (answer === undefined) continue;
      const bytes = encode(answer);
      const framed = Buffer.alloc(2 + bytes.length);
      framed.writeUInt16BE(bytes.length, 0);
      bytes.copy(framed, 2);
      socket.write(framed);
    }
  });
}

/**
 * Starts an authoritative DNS server for `zone` on 127.0.0.1 and a free port (UDP and TCP).
 * Point a resolver at it with `createDnsResolver({ servers: [server.address] })`.
 */
export async function startDnsServer(zone: DnsZone = {}): Promise<DnsServer> {
  let records: IndexedZone = indexZone(zone);
  const queries: DnsQuery[] = [];
  const connections = new Set<Socket>();
  const respond = (bytes: Buffer, transport: DnsQuery['transport']): Packet | undefined => {
    const query = decoded(bytes);
    if (query === undefined || query.type !== 'query') return undefined;
    for (const q of query.questions ?? []) {
      queries.push({ name: zoneName(q.name), type: q.type, transport });
    }
    return answerQuery(records, query);
  };
  const tcp = createServer((socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
    serveTcp(socket, (bytes) => respond(bytes, 'tcp'));
  });
  const udp = await bindBoth(tcp);
  udp.on('message', (bytes, from) => {
    const answer = respond(bytes, 'udp');
    if (answer !== undefined) udp.send(encode(answer), from.port, from.address);
  });
  const port = udp.address().port;
  let stopped: Promise<void> | undefined;
  return {
    host: HOST,
    port,
    address: `${HOST}:${port}`,
    queries: () => [...queries],
    setZone: (next) => {
      records = indexZone(next);
    },
    stop: () => {
      stopped ??= (async () => {
        for (const socket of connections) socket.destroy();
        await Promise.all([
          new Promise<void>((resolve) => udp.close(() => resolve())),
          new Promise<void>((resolve) => tcp.close(() => resolve())),
        ]);
      })();
      return stopped;
    },
  };
}
