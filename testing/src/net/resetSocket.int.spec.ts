import { connect, createServer, type Server, type Socket } from 'node:net';
import { resetSocket } from './resetSocket';

/** A loopback server that holds its connections open, and a client connected to it. */
async function pair(): Promise<{ server: Server; client: Socket; peer: Promise<Socket> }> {
  let accepted: (socket: Socket) => void = () => undefined;
  const peer = new Promise<Socket>((resolve) => {
    accepted = resolve;
  });
  const server = createServer({ allowHalfOpen: true }, (socket) => accepted(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const client = connect({ host: '127.0.0.1', port, allowHalfOpen: true });
  await new Promise((resolve) => client.once('connect', resolve));
  return { server, client, peer };
}

const closed = (socket: Socket): Promise<void> =>
  new Promise((resolve) => socket.once('close', () => resolve()));

describe(resetSocket, () => {
  it('when the socket is open, the peer sees a reset', async () => {
    const { server, client, peer } = await pair();
    const remote = await peer;
    const error = new Promise<NodeJS.ErrnoException>((resolve) => remote.once('error', resolve));
    resetSocket(client);
    await closed(client);
    expect((await error).code).toBe('ECONNRESET');
    server.close();
  });

  it('when the socket already ended its side, it still closes (a reset would leak its handle)', async () => {
    const { server, client, peer } = await pair();
    const remote = await peer;
    remote.on('error', () => undefined);
    client.end();
    const done = closed(client);
    resetSocket(client);
    await done;
    expect(client.destroyed).toBe(true);
    remote.destroy();
    server.close();
  });
});
