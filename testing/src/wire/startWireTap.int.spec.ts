import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { startProsody } from '../prosody/startProsody';
import { authPlain, openStream, startTls, streamHeader } from '../prosody/xmppProbe.testkit';
import { clientFlights } from './countRoundTrips';
import { startWireTap } from './startWireTap';

/** A TCP echo server on loopback. */
async function startEcho(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address !== null ? address.port : 0 };
}

/** Resolves with everything `socket` received once it holds `length` bytes. */
function receive(socket: Socket, length: number): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.length >= length) resolve(text);
    });
  });
}

describe(startWireTap, () => {
  it('when a client talks in the clear, records both directions byte for byte', async () => {
    const server = await startProsody({ tls: 'none' });
    const tap = await startWireTap({ targetHost: server.host, targetPort: server.port });
    try {
      const probe = await openStream('127.0.0.1', tap.port, 'example.test');
      const answer = await authPlain(probe, 'nobody', 'secret');
      probe.socket.destroy();

      const auth = Buffer.from('\0nobody\0secret').toString('base64');
      expect(answer).toContain('<not-authorized/>');
      expect(tap.clientToServer()).toBe(
        `${streamHeader('example.test')}<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${auth}</auth>`,
      );
      expect(tap.serverToClient()).toContain('</stream:features>');
      expect(tap.serverToClient()).toContain('<not-authorized/>');
      const chunks = tap.chunks();
      expect(chunks[0]?.direction).toBe('up');
      expect(chunks.some((c) => c.direction === 'down')).toBe(true);
    } finally {
      await tap.close();
      await server.stop();
    }
  });

  it('when the client does STARTTLS, what follows crosses the wire as ciphertext', async () => {
    const server = await startProsody({
      hosts: [{ domain: 'tap.test', users: [{ username: 'dee', password: 'dee-pw' }] }],
    });
    const tap = await startWireTap({ targetHost: server.host, targetPort: server.port });
    try {
      const plain = await openStream('127.0.0.1', tap.port, 'tap.test');
      const secure = await startTls(plain, 'tap.test', server.ca);
      expect(await authPlain(secure, 'dee', 'dee-pw')).toMatch(/^<success/);
      secure.socket.destroy();

      expect(tap.clientToServer()).toContain('<starttls');
      expect(tap.clientToServer()).not.toContain('<auth');
      expect(tap.clientToServer()).not.toContain(Buffer.from('\0dee\0dee-pw').toString('base64'));
      expect(tap.serverToClient()).toContain('<proceed');
      expect(tap.serverToClient()).not.toContain('<success');
    } finally {
      await tap.close();
      await server.stop();
    }
  });

  it('when given a delay, forwards every chunk that much later, in order, both ways', async () => {
    const echo = await startEcho();
    const tap = await startWireTap({ targetHost: '127.0.0.1', targetPort: echo.port, delayMs: 15 });
    try {
      const socket = netConnect({ host: '127.0.0.1', port: tap.port });
      socket.setNoDelay(true);
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      const parts = Array.from({ length: 40 }, (_, i) => `<${i}>`);
      const echoed = receive(socket, parts.join('').length);
      for (const part of parts) {
        socket.write(part);
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(await echoed).toBe(parts.join(''));
      socket.destroy();

      const chunks = tap.chunks();
      expect(
        Buffer.concat(chunks.filter((c) => c.direction === 'up').map((c) => c.bytes)).toString(),
      ).toBe(parts.join(''));
      for (const chunk of chunks) {
        // Held back the delay (less the millisecond a timer may fire early), in reading order.
        expect((chunk.forwardedAt ?? 0) - chunk.at).toBeGreaterThanOrEqual(14);
      }
      for (const direction of ['up', 'down'] as const) {
        const forwarded = chunks.filter((c) => c.direction === direction).map((c) => c.forwardedAt);
        expect(forwarded).toEqual([...forwarded].sort((a, b) => (a ?? 0) - (b ?? 0)));
      }
    } finally {
      await tap.close();
      await new Promise((resolve) => echo.server.close(resolve));
    }
  });

  it('when a probe logs in through a delayed link, counts each turn it waited for', async () => {
    const server = await startProsody({
      hosts: [{ domain: 'tap.test', users: [{ username: 'dee', password: 'dee-pw' }] }],
    });
    const tap = await startWireTap({
      targetHost: server.host,
      targetPort: server.port,
      delayMs: 10,
    });
    try {
      const plain = await openStream('127.0.0.1', tap.port, 'tap.test');
      const secure = await startTls(plain, 'tap.test', server.ca);
      expect(await authPlain(secure, 'dee', 'dee-pw')).toMatch(/^<success/);
      const done = performance.now();
      secure.socket.destroy();

      // Stream header; <starttls/>; TLS ClientHello; TLS Finished with the new stream header;
      // <auth/>.
      const flights = clientFlights(tap.chunks(), { until: done });
      expect(flights).toHaveLength(5);
      expect(flights.every((f) => f.connection === 1 && f.answerBytes > 0)).toBe(true);
      expect(tap.chunks()[0]?.bytes.toString()).toBe(streamHeader('tap.test'));
    } finally {
      await tap.close();
      await server.stop();
    }
  });

  it('when closed, refuses new connections', async () => {
    const tap = await startWireTap({ targetHost: '127.0.0.1', targetPort: 9 });
    await tap.close();
    await expect(openStream('127.0.0.1', tap.port, 'x.test')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
