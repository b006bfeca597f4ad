/**
 * HardenedClient against a hostile server: the failures xmpp.js's own Client turns into an
 * unhandled rejection (an error before the server's stream header), an uncaught exception
 * (data after the server's `</stream:stream>`) or a long wait (the stream closed before login).
 */
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
  streamFeatures,
  streamHeader,
  waitFor,
} from '@switchboard/testing';
import type { Element } from '@xmpp/xml';
import { HardenedClient } from './connection/HardenedClient';
import { createTransports } from './connection/transports';

const DOMAIN = 'example.test';

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

  async function clientFor(script: readonly HostileStep[]): Promise<HardenedClient> {
    server = await startHostileServer({ script });
    const client = new HardenedClient({
      service: `xmpp://${server.host}:${server.port}`,
      domain: DOMAIN,
      timeout: 5000,
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
      client.on('nonza', (element: Element) => {
        if (element.name !== 'stream:features') return;
        client._jid(`alice@${DOMAIN}/r`);
        client._ready(false);
      });
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
      let sendMore: () => void = () => undefined;
      const later = new Promise<void>((resolve) => {
        sendMore = resolve;
      });
      const client = await clientFor([
        expectStreamHeader(),
        sendData(`${streamHeader(DOMAIN)}</stream:stream>`),
        waitFor(() => later),
        sendData('<message><body>after the end</body></message>'),
        closeConnection(),
      ]);
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
  });
});
