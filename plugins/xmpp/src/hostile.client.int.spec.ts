/**
 * HardenedClient against a hostile server: the failures xmpp.js's own Client turns into an
 * unhandled rejection (an error before the server's stream header), an uncaught exception
 * (data after the server's `</stream:stream>`), a long wait (the stream closed before login),
 * a lost condition (a stream error racing the close) or a dead stream left open (the server's
 * `</stream:stream>` once online).
 */
import { SwitchboardError } from '@switchboard/core';
import {
  answerStreamClose,
  closeConnection,
  expectStreamHeader,
  type HostileServer,
  type HostileStep,
  type ProcessFaultRecorder,
  recordProcessFaults,
  sendData,
  startHostileServer,
  streamError,
  streamFeatures,
  streamHeader,
  waitFor,
} from '@switchboard/testing';
import type { Element } from '@xmpp/xml';
import { HardenedClient, STREAM_CLOSE_GRACE_MS } from './connection/HardenedClient';
import { createTransports } from './connection/transports';

const DOMAIN = 'example.test';
/** Long, so that a failure that waits for a timeout cannot pass for one that comes at once. */
const TIMEOUT_MS = 20_000;

/** Makes `client` go online as soon as the server's features arrive (no SASL, no bind). */
function onlineOnFeatures(client: HardenedClient): void {
  client.on('nonza', (element: Element) => {
    if (element.name !== 'stream:features') return;
    client._jid(`alice@${DOMAIN}/r`);
    client._ready(false);
  });
}

function released(): { gate: Promise<void>; release: () => void } {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { gate, release };
}

describe(HardenedClient, () => {
  let server: HostileServer | undefined;
  let faults: ProcessFaultRecorder;
  const clients: HardenedClient[] = [];

  beforeEach(() => {
    faults = recordProcessFaults();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.socket?.destroy?.();
    await server?.stop();
    server = undefined;
    faults.stop();
  });

  async function clientFor(
    script: readonly HostileStep[],
    { allowHalfOpen = false } = {},
  ): Promise<HardenedClient> {
    server = await startHostileServer({ script, allowHalfOpen });
    const client = new HardenedClient({
      service: `xmpp://${server.host}:${server.port}`,
      domain: DOMAIN,
      timeout: TIMEOUT_MS,
    });
    client.transports.push(...createTransports({ servername: DOMAIN, ca: undefined }));
    client.on('error', () => undefined); // what an owner does (openXmppSession swallows too)
    clients.push(client);
    return client;
  }

  describe('.start', () => {
    it('when the server announces features, resolves once the client is ready', async () => {
      const client = await clientFor([
        expectStreamHeader(),
        sendData(streamHeader(DOMAIN) + streamFeatures()),
        ...answerStreamClose(),
      ]);
      onlineOnFeatures(client);
      await expect(client.start()).resolves.toMatchObject({ resource: 'r' });
      await client.stop();
      expect(faults.faults()).toEqual([]);
    });

    it('when the server sends malformed XML before its stream header, rejects with SB_XML_MALFORMED and leaves no unhandled rejection', async () => {
      const client = await clientFor([expectStreamHeader(), sendData('</stream:stream><x/>')]);
      await expect(client.start()).rejects.toMatchObject({ code: 'SB_XML_MALFORMED' });
      await server?.closed();
      expect(faults.faults()).toEqual([]);
    });

    it('when the server closes its stream before login and sends more later, rejects with SB_CONNECTION_CLOSED and throws nothing', async () => {
      const { gate, release: sendMore } = released();
      const client = await clientFor(
        [
          expectStreamHeader(),
          sendData(`${streamHeader(DOMAIN)}</stream:stream>`),
          waitFor(() => gate),
          sendData('<message><body>after the end</body></message>'),
          closeConnection(),
        ],
        // Half-open: the client answers `</stream:stream>` and ends its side; more still comes.
        { allowHalfOpen: true },
      );
      await expect(client.start()).rejects.toMatchObject({ code: 'SB_CONNECTION_CLOSED' });
      sendMore();
      await server?.closed();
      expect(server?.stepsDone()).toBe(5);
      expect(faults.faults()).toEqual([]);
    });

    it('when the server drops the connection before its header, rejects with SB_CONNECTION_CLOSED', async () => {
      const client = await clientFor([expectStreamHeader(), closeConnection('destroy')]);
      await expect(client.start()).rejects.toMatchObject({ code: 'SB_CONNECTION_CLOSED' });
      expect(faults.faults()).toEqual([]);
    });

    it.each([
      ['closes its stream in the same write', `${streamError('host-unknown')}</stream:stream>`, []],
      ['closes the connection', streamError('host-unknown', 'no such host'), [closeConnection()]],
      ['drops the connection', streamError('host-unknown'), [closeConnection('destroy')]],
    ])(
      'when the server sends a stream error and %s, rejects at once with SB_STREAM_ERROR and its condition',
      async (_, error, close) => {
        const client = await clientFor([
          expectStreamHeader(),
          sendData(streamHeader(DOMAIN) + error),
          ...close,
        ]);
        const started = performance.now();
        const rejection = await client.start().catch((e: unknown) => e);
        expect(rejection).toMatchObject({
          code: 'SB_STREAM_ERROR',
          details: { condition: 'host-unknown' },
        });
        expect(SwitchboardError.is(rejection)).toBe(true);
        expect(performance.now() - started).toBeLessThan(TIMEOUT_MS);
        expect(faults.faults()).toEqual([]);
      },
    );

    it('when the server sends see-other-host, rejects with SB_STREAM_ERROR and does not follow it', async () => {
      // It names itself: xmpp.js would reconnect to it and open a second connection.
      const seeOtherHost = (): string =>
        `${streamHeader(DOMAIN)}<stream:error><see-other-host xmlns='urn:ietf:params:xml:ns:xmpp-streams'>` +
        `${server?.host}:${server?.port}</see-other-host></stream:error></stream:stream>`;
      const client = await clientFor([expectStreamHeader(), sendData(seeOtherHost)]);
      await expect(client.start()).rejects.toMatchObject({
        code: 'SB_STREAM_ERROR',
        details: { condition: 'see-other-host' },
      });
      await server?.closed();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server?.connections()).toBe(1);
      expect(faults.faults()).toEqual([]);
    });
  });

  describe('reading', () => {
    it('when a character is split across reads, delivers it whole', async () => {
      const { gate, release } = released();
      const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));
      const bytes = Buffer.from('<message><body>é😀</body></message>');
      const cuts = [bytes.indexOf(0xc3) + 1, bytes.indexOf(0xf0) + 1, bytes.indexOf(0xf0) + 3];
      const client = await clientFor([
        expectStreamHeader(),
        sendData(streamHeader(DOMAIN) + streamFeatures()),
        waitFor(() => gate),
        // One write per piece, apart in time: each reaches the client as its own read.
        ...[0, ...cuts].flatMap((start, i) => [
          sendData(bytes.subarray(start, cuts[i] ?? bytes.length)),
          waitFor(pause),
        ]),
        ...answerStreamClose(),
      ]);
      onlineOnFeatures(client);
      await client.start();
      const stanza = new Promise<Element>((resolve) => client.once('stanza', resolve));
      release();
      expect((await stanza).getChildText('body')).toBe('é😀');
      await client.stop();
    });
  });

  describe('.abort', () => {
    it('when start() is pending, makes it reject with exactly that error and closes the socket', async () => {
      const client = await clientFor([expectStreamHeader(), sendData(streamHeader(DOMAIN))]);
      const error = new SwitchboardError('SB_SASL_PROTOCOL', 'out of turn');
      client.once('open', () => client.abort(error));
      await expect(client.start()).rejects.toBe(error);
      expect(client.abortedWith).toBe(error);
      await server?.closed();
      expect(faults.faults()).toEqual([]);
    });

    it('when called twice, keeps the first error', async () => {
      const client = await clientFor([expectStreamHeader(), sendData(streamHeader(DOMAIN))]);
      const first = new SwitchboardError('SB_SASL_PROTOCOL');
      client.once('open', () => {
        client.abort(first);
        client.abort(new SwitchboardError('SB_TIMEOUT'));
      });
      await expect(client.start()).rejects.toBe(first);
      expect(client.abortedWith).toBe(first);
    });
  });

  describe('server-initiated close', () => {
    it.each([
      ['closes the connection on our FIN', false],
      ['ignores our FIN', true],
    ])(
      'when the server closes its stream once online and %s, answers </stream:stream> and the connection ends',
      async (_, allowHalfOpen) => {
        const { gate, release } = released();
        const client = await clientFor(
          [
            expectStreamHeader(),
            sendData(streamHeader(DOMAIN) + streamFeatures()),
            waitFor(() => gate),
            sendData('</stream:stream>'),
          ],
          { allowHalfOpen },
        );
        onlineOnFeatures(client);
        await client.start();
        const disconnected = new Promise((resolve) => client.once('disconnect', resolve));
        const started = performance.now();
        release();
        await disconnected;
        // Half-open, the socket goes after the grace; otherwise the server's close ends it.
        expect(performance.now() - started).toBeLessThan(
          allowHalfOpen ? TIMEOUT_MS : STREAM_CLOSE_GRACE_MS,
        );
        expect(server?.received()).toMatch(/<\/stream:stream>$/);
        expect(faults.faults()).toEqual([]);
      },
    );
  });
});
