import { Resolver } from 'node:dns/promises';
import { connect } from 'node:net';
import { decode, encode } from 'dns-packet';
import { type DnsServer, startDnsServer } from './startDnsServer';

function resolverFor(server: DnsServer): Resolver {
  const resolver = new Resolver({ timeout: 300, tries: 1 });
  resolver.setServers([server.address]);
  return resolver;
}

/** One query over TCP (two-byte length, RFC 1035 §4.2.2), answered and decoded. */
async function queryTcp(server: DnsServer, name: string, type: 'SRV' | 'A'): Promise<unknown> {
  const query = encode({ id: 7, type: 'query', questions: [{ name, type }] });
  const framed = Buffer.concat([Buffer.from([query.length >> 8, query.length & 255]), query]);
  const socket = connect(server.port, server.host);
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => {
    chunks.push(c);
    const all = Buffer.concat(chunks);
    if (all.length >= 2 && all.length >= 2 + all.readUInt16BE(0)) socket.end();
  });
  // Written one byte at a time: framing must not depend on how TCP cuts the stream.
  for (const byte of framed) socket.write(Buffer.from([byte]));
  await new Promise((resolve) => socket.once('close', resolve));
  const all = Buffer.concat(chunks);
  return decode(all.subarray(2, 2 + all.readUInt16BE(0)));
}

describe(startDnsServer, () => {
  let server: DnsServer;

  beforeEach(async () => {
    server = await startDnsServer({
      srv: {
        '_xmpp-client._tcp.example.test': [
          { priority: 10, weight: 5, port: 5222, target: 'xmpp.example.test' },
        ],
        '_xmpps-client._tcp.none.test': [{ priority: 0, weight: 0, port: 0, target: '.' }],
      },
      a: { 'xmpp.example.test': ['127.0.0.1'] },
      aaaa: { 'XMPP.example.test.': ['::1'] },
      fail: { 'broken.test': 'servfail', 'refusing.test': 'refused' },
    });
  });

  afterEach(async () => {
    await server.stop();
  });

  describe('over UDP', () => {
    it('when asked for SRV, A and AAAA records, answers with the zone', async () => {
      const resolver = resolverFor(server);
      await expect(resolver.resolveSrv('_xmpp-client._tcp.example.test')).resolves.toEqual([
        { priority: 10, weight: 5, port: 5222, name: 'xmpp.example.test' },
      ]);
      await expect(resolver.resolve4('xmpp.example.test')).resolves.toEqual(['127.0.0.1']);
      await expect(resolver.resolve6('Xmpp.Example.Test')).resolves.toEqual(['::1']);
      expect(server.queries()).toEqual([
        { name: '_xmpp-client._tcp.example.test', type: 'SRV', transport: 'udp' },
        { name: 'xmpp.example.test', type: 'A', transport: 'udp' },
        { name: 'xmpp.example.test', type: 'AAAA', transport: 'udp' },
      ]);
    });

    it('when the target is ".", answers it as the root name', async () => {
      const records = await resolverFor(server).resolveSrv('_xmpps-client._tcp.none.test');
      expect(records).toHaveLength(1);
      expect(['', '.']).toContain(records[0]?.name);
    });

    it('when the name is unknown, answers NXDOMAIN; when only the type is, an empty answer', async () => {
      const resolver = resolverFor(server);
      await expect(resolver.resolve4('nowhere.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
      await expect(resolver.resolveSrv('xmpp.example.test')).rejects.toMatchObject({
        code: 'ENODATA',
      });
    });

    it('when the zone says a name fails, answers SERVFAIL or REFUSED', async () => {
      const resolver = resolverFor(server);
      await expect(resolver.resolve4('broken.test')).rejects.toMatchObject({ code: 'ESERVFAIL' });
      await expect(resolver.resolve4('refusing.test')).rejects.toMatchObject({
        code: 'EREFUSED',
      });
    });

    it('when the zone changes, serves the new records', async () => {
      server.setZone({ a: { 'xmpp.example.test': ['127.0.0.2'], 'fresh.test': ['127.0.0.3'] } });
      const resolver = resolverFor(server);
      await expect(resolver.resolve4('xmpp.example.test')).resolves.toEqual(['127.0.0.2']);
      await expect(resolver.resolve4('fresh.test')).resolves.toEqual(['127.0.0.3']);
    });

    it('when a name is silent, never answers and the resolver times out', async () => {
      server.setZone({ fail: { 'quiet.test': 'silent' } });
      await expect(resolverFor(server).resolve4('quiet.test')).rejects.toMatchObject({
        code: 'ETIMEOUT',
      });
    });
  });

  describe('over TCP', () => {
    it('when a query arrives byte by byte, answers it on the same port', async () => {
      const answer = (await queryTcp(server, '_xmpp-client._tcp.example.test', 'SRV')) as {
        id: number;
        flags: number;
        answers: Array<{ data: unknown }>;
      };
      expect(answer.id).toBe(7);
      expect(answer.answers.map((a) => a.data)).toEqual([
        { priority: 10, weight: 5, port: 5222, target: 'xmpp.example.test' },
      ]);
      expect(server.queries()).toEqual([
        { name: '_xmpp-client._tcp.example.test', type: 'SRV', transport: 'tcp' },
      ]);
    });
  });
});
