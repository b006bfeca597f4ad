import { connect, createServer, type Server, type Socket } from 'node:net';
import type { FaultProxy, FaultProxyOptions } from './FaultProxy';
import { startFaultProxy } from './startFaultProxy';

/** A target that hands each accepted socket to the test. */
async function startTarget(): Promise<{ server: Server; port: number; next(): Promise<Socket> }> {
  const accepted: Socket[] = [];
  const waiting: ((s: Socket) => void)[] = [];
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('error', () => undefined);
    const waiter = waiting.shift();
    if (waiter === undefined) accepted.push(socket);
    else waiter(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address !== null ? address.port : 0,
    next: () => {
      const ready = accepted.shift();
      return ready !== undefined ? Promise.resolve(ready) : new Promise((r) => waiting.push(r));
    },
  };
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Collects the chunks a socket reads, one entry per read. */
function reads(socket: Socket): Buffer[] {
  const seen: Buffer[] = [];
  socket.on('data', (d: Buffer) => seen.push(d));
  return seen;
}

function until(check: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      if (check()) resolve();
      else if (Date.now() > deadline) reject(new Error(`not within ${ms} ms`));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const text = (chunks: readonly Buffer[]): string => Buffer.concat(chunks).toString();

describe(startFaultProxy, () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  let proxy: FaultProxy | undefined;
  const sockets: Socket[] = [];

  async function pair(
    options: Partial<FaultProxyOptions> = {},
  ): Promise<{ client: Socket; server: Socket }> {
    proxy ??= await startFaultProxy({
      targetHost: '127.0.0.1',
      targetPort: target.port,
      ...options,
    });
    const client = await open(proxy.port);
    client.on('error', () => undefined);
    const server = await target.next();
    sockets.push(client, server);
    return { client, server };
  }

  beforeEach(async () => {
    target = await startTarget();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await proxy?.close();
    proxy = undefined;
    await new Promise((r) => target.server.close(r));
  });

  it('forwards both ways and records each chunk with its direction and time', async () => {
    const { client, server } = await pair();
    const up = reads(server);
    const down = reads(client);
    const before = Date.now();
    client.write('hello');
    await until(() => text(up) === 'hello');
    server.write('world!');
    await until(() => text(down) === 'world!');

    expect(proxy?.connections()).toEqual([
      expect.objectContaining({ index: 0, state: 'open', bytesUp: 5, bytesDown: 6, heldUp: 0 }),
    ]);
    expect(proxy?.text(0, 'up')).toBe('hello');
    expect(proxy?.text(0, 'down')).toBe('world!');
    const recorded = proxy?.recording(0) ?? [];
    expect(recorded.map((c) => c.direction)).toEqual(['up', 'down']);
    expect(recorded[0]?.at).toBeGreaterThanOrEqual(before);
  });

  describe('.reset', () => {
    it('when called, resets both sides (ECONNRESET) and marks the connection closed by the proxy', async () => {
      const { client, server } = await pair();
      const errors = (s: Socket): Promise<unknown> => new Promise((r) => s.once('error', r));
      const clientError = errors(client);
      const serverError = errors(server);
      expect(proxy?.reset('latest')).toEqual([0]);
      await expect(clientError).resolves.toMatchObject({ code: 'ECONNRESET' });
      await expect(serverError).resolves.toMatchObject({ code: 'ECONNRESET' });
      await until(() => proxy?.connections()[0]?.state === 'closed');
      expect(proxy?.connections()[0]?.endedBy).toBe('proxy');
      expect(proxy?.live()).toEqual([]);
    });

    it('when given an index, resets that connection only', async () => {
      await pair();
      const { client } = await pair();
      expect(proxy?.reset(0)).toEqual([0]);
      await until(() => proxy?.connections()[0]?.state === 'closed');
      expect(proxy?.live().map((c) => c.index)).toEqual([1]);
      expect(client.destroyed).toBe(false);
    });
  });

  describe('.freeze', () => {
    it('when frozen, holds bytes and FINs both ways without closing; thaw forwards them in order', async () => {
      const { client, server } = await pair();
      const up = reads(server);
      const down = reads(client);
      let serverSawEnd = false;
      server.on('end', () => {
        serverSawEnd = true;
      });
      expect(proxy?.freeze()).toEqual([0]);
      client.write('one ');
      client.write('two');
      client.end();
      server.write('three');
      await until(() => proxy?.connections()[0]?.heldUp === 7);
      await until(() => proxy?.connections()[0]?.heldDown === 5);
      await pause(50);
      expect(text(up)).toBe('');
      expect(text(down)).toBe('');
      expect(serverSawEnd).toBe(false);
      expect(proxy?.connections()[0]?.state).toBe('frozen');

      expect(proxy?.thaw()).toEqual([0]);
      await until(() => serverSawEnd && text(down) === 'three');
      expect(text(up)).toBe('one two');
      expect(proxy?.connections()[0]).toMatchObject({ state: 'open', heldUp: 0, heldDown: 0 });
    });

    it('when the client resets a frozen connection, the server sees the reset only after thaw', async () => {
      const { client, server } = await pair();
      let serverError: unknown;
      server.on('error', (e) => {
        serverError = e;
      });
      proxy?.freeze(0);
      client.resetAndDestroy();
      await until(() => proxy?.connections()[0]?.endedBy === 'client');
      await pause(50);
      expect(serverError).toBeUndefined();
      proxy?.thaw(0);
      await until(() => serverError !== undefined);
      expect(serverError).toMatchObject({ code: 'ECONNRESET' });
    });
  });

  describe('.dropNew', () => {
    it('when on, resets new connections and counts them; when off again, accepts', async () => {
      await pair();
      proxy?.dropNew(true);
      const refusal = new Promise((resolve) => {
        connect({ host: '127.0.0.1', port: proxy?.port ?? 0 }).once('error', resolve);
      });
      await expect(refusal).resolves.toMatchObject({ code: 'ECONNRESET' });
      expect(proxy?.refused()).toBe(1);
      expect(proxy?.connections()).toHaveLength(1);
      expect(proxy?.live()).toHaveLength(1);
      proxy?.dropNew(false);
      await pair();
      expect(proxy?.connections()).toHaveLength(2);
    });
  });

  describe('downstream', () => {
    it("when 'glued', delivers what the server wrote in separate writes in one read", async () => {
      const { client, server } = await pair({ downstream: 'glued', glueMs: 40 });
      const down = reads(client);
      server.write('<a/>');
      await pause(5);
      server.write('<b/>');
      await pause(5);
      server.write('<c/>');
      await until(() => text(down) === '<a/><b/><c/>');
      expect(down).toHaveLength(1);
      expect((proxy?.recording(0) ?? []).length).toBe(3);
    });

    it("when 'bytewise', delivers every byte in a read of its own, and the FIN after them", async () => {
      const { client, server } = await pair({ downstream: 'bytewise' });
      const down = reads(client);
      const ended = new Promise((r) => client.once('end', r));
      server.end('<message>hi</message>');
      await ended;
      expect(text(down)).toBe('<message>hi</message>');
      expect(down.map((d) => d.length)).toEqual(Array(21).fill(1));
    });
  });

  describe('.accepted', () => {
    it('when the connection comes, resolves with it; when it does not, rejects after the timeout', async () => {
      await pair();
      await expect(proxy?.accepted(1)).resolves.toMatchObject({ index: 0 });
      const second = proxy?.accepted(2, 2_000);
      await pair();
      await expect(second).resolves.toMatchObject({ index: 1 });
      await expect(proxy?.accepted(3, 50)).rejects.toThrow('2 of 3 connections accepted in 50 ms');
    });
  });
});
